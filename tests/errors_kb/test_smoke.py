def test_the_site_answers_the_english_home(client):
    assert client.get("/en/").status_code == 200
