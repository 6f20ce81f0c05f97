def test_an_unknown_page_gets_the_not_found_page_in_the_url_language(client, db, settings):
    settings.DEBUG = False

    response = client.get("/ko/no-such-page/")

    assert response.status_code == 404
    assert "이 페이지는 존재하지 않습니다" in response.content.decode()
