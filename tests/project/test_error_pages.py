import pytest


def test_an_unknown_page_gets_the_not_found_page_in_the_url_language(client, db, settings):
    settings.DEBUG = False

    response = client.get("/ko/no-such-page/")

    assert response.status_code == 404
    assert "이 페이지는 존재하지 않습니다" in response.content.decode()


def test_an_expired_form_explains_itself_in_the_url_language(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post("/admin/login/", {"username": "x", "password": "y"}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()


@pytest.mark.urls("tests.project.broken_urls")
def test_a_server_error_page_is_shown_in_the_url_language(db):
    from django.test import Client

    response = Client(raise_request_exception=False).get("/ko/broken/")

    assert response.status_code == 500
    assert "저희 쪽에서 문제가 발생했습니다" in response.content.decode()
    assert "boom" not in response.content.decode()


def test_an_unknown_api_path_answers_json_in_the_callers_language(client, db, settings):
    settings.DEBUG = False

    response = client.get("/api/no-such-endpoint", HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "API" in response.json()["error"] and "/api/no-such-endpoint" in response.json()["error"]


@pytest.mark.urls("tests.project.broken_urls")
def test_a_server_error_under_the_api_answers_json_without_the_cause(db):
    from django.test import Client

    response = Client(raise_request_exception=False).get("/api/broken?lang=zh-hans")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]
    assert "boom" not in response.content.decode()
