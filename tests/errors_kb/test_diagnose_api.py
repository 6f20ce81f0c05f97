"""POST /api/diagnose: the DESIGN.md contract and every bad input (never a 500)."""

import json

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/diagnose"
QUOTA = (
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please "
    "check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}"
)


def post(client, payload, **extra):
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
    return client.post(URL, body, content_type=extra.pop("content_type", "application/json"), **extra)


def test_it_answers_with_the_design_shape(client, diagnose_rules):
    response = post(client, {"text": QUOTA})
    assert response.status_code == 200
    data = response.json()
    assert data["matches"][0]["condition"] == "429-quota-exceeded"
    assert 0 <= data["matches"][0]["confidence"] <= 1
    assert "code insufficient_quota" in data["matches"][0]["evidence"]
    assert data["extracted"] == {
        "status": 429,
        "type": "insufficient_quota",
        "code": "insufficient_quota",
        "param": None,
        "message": "You exceeded your current quota, please check your plan and billing details.",
        "exception": "openai.RateLimitError",
        "sdk": "v1",
        "request_id": None,
    }
    assert {"key_hints", "ambiguous", "settle_with", "rate_limit"} <= data.keys()


def test_it_orders_matches_best_first(client, diagnose_rules):
    matches = post(client, {"text": "Request failed with status code 429"}).json()["matches"]
    confidences = [m["confidence"] for m in matches]
    assert confidences == sorted(confidences, reverse=True)


def test_it_answers_in_the_language_asked_for(client, diagnose_rules):
    data = post(client, {"text": QUOTA, "lang": "ko"}).json()
    assert "오류 코드 insufficient_quota" in data["matches"][0]["evidence"]


def test_it_takes_the_language_from_accept_language(client, diagnose_rules):
    data = post(client, {"text": QUOTA}, HTTP_ACCEPT_LANGUAGE="zh-Hans").json()
    assert "错误码 insufficient_quota" in data["matches"][0]["evidence"]


def test_it_never_echoes_a_key(client, diagnose_rules):
    secret = "sk-proj-" + "Zx9Yw8Vu" * 6
    response = post(
        client, {"text": f"openai.AuthenticationError: Error code: 401 - Incorrect API key provided: {secret}."}
    )
    assert secret not in response.content.decode()


@pytest.mark.parametrize(
    ("payload", "status", "fragment"),
    [
        ({"text": ""}, 400, "Paste an error"),
        ({"text": "   \n"}, 400, "Paste an error"),
        ({"text": 42}, 400, "string"),
        ({"text": None}, 400, "string"),
        ({"texts": "x"}, 400, '"text"'),
        (["text"], 400, "JSON object"),
        ({"text": "a\x00b"}, 400, "binary"),
        ({"text": "x" * (64 * 1024 + 1)}, 413, "64 KB"),
        ('{"text": "unterminated', 400, "not valid JSON"),
        (b'{"text": "\xff\xfe"}', 400, "UTF-8"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message(client, diagnose_rules, payload, status, fragment):
    response = post(client, payload)
    assert response.status_code == status
    assert fragment in response.json()["error"]


def test_it_refuses_a_form_post_as_unsupported_media(client, diagnose_rules):
    response = client.post(URL, {"text": QUOTA})
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]


def test_it_refuses_get(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert "POST" in response.json()["error"]


def test_it_explains_bad_input_in_the_users_language(client, diagnose_rules):
    english = post(client, {"text": ""}).json()["error"]
    korean = post(client, {"text": "", "lang": "ko"}).json()["error"]
    assert english and korean
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("ko"):
        expected = gettext("Paste an error message, a traceback or an error body first.")
    assert korean == expected


def test_it_needs_no_csrf_token(diagnose_rules):
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), {"text": QUOTA})
    assert response.status_code == 200


def test_it_stores_nothing(client, diagnose_rules, django_assert_max_num_queries):
    post(client, {"text": QUOTA})  # rules compiled
    with django_assert_max_num_queries(0):
        post(client, {"text": QUOTA})
