"""Per-client limits: a clear 429 in the user's language with Retry-After; admin sign-in lockout."""

import json

import pytest

TEXT = "openai.RateLimitError: Error code: 429 - {'error': {'code': 'insufficient_quota'}}"


@pytest.fixture
def tight_diagnose_limit(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "diagnose": "3/m"}


def _post_api(client, lang="ko"):
    return client.post("/api/diagnose", json.dumps({"text": TEXT, "lang": lang}), content_type="application/json")


def test_the_diagnose_api_answers_429_in_the_callers_language_once_the_limit_is_reached(
    client, db, tight_diagnose_limit
):
    answers = [_post_api(client) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) >= 1
    assert "요청" in answers[-1].json()["error"]


def test_the_diagnose_page_says_slow_down_in_the_page_language(client, db, tight_diagnose_limit):
    for _ in range(3):
        client.post("/zh-hans/diagnose/", {"text": TEXT})

    response = client.post("/zh-hans/diagnose/", {"text": TEXT})

    assert response.status_code == 429
    assert response.has_header("Retry-After")
    assert "请求" in response.content.decode()


def test_an_htmx_paste_over_the_limit_shows_the_notice_in_place(client, db, tight_diagnose_limit):
    for _ in range(3):
        client.post("/en/diagnose/", {"text": TEXT}, HTTP_HX_REQUEST="true")

    response = client.post("/en/diagnose/", {"text": TEXT}, HTTP_HX_REQUEST="true")

    assert response.status_code == 429
    assert response["HX-Retarget"] == "#site-notice"
    assert "Too many requests" in response.content.decode()


def test_reading_the_diagnose_page_is_not_counted(client, db, tight_diagnose_limit):
    statuses = [client.get("/en/diagnose/").status_code for _ in range(6)]

    assert statuses == [200] * 6


def test_admin_sign_in_locks_after_repeated_failures_even_with_the_right_password(client, django_user_model, db):
    django_user_model.objects.create_superuser("boss", password="the-right-password-123")
    for _ in range(5):
        client.post("/admin/login/", {"username": "boss", "password": "wrong"})

    response = client.post(
        "/admin/login/", {"username": "boss", "password": "the-right-password-123"}, HTTP_ACCEPT_LANGUAGE="ko"
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_limits_fail_open_while_the_shared_cache_is_down(client, shipped_guide, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }

    response = _post_api(client, lang="en")

    assert response.status_code == 200
    assert response.json()["matches"]
