"""The health API: a session or a per-user token, fingerprints only, checks queued for your own profiles."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from troubleshooter.health.models import ApiToken, CheckRun
from troubleshooter.health.tokens import token_issue

KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123"


def bearer(token):
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_token_lists_the_users_profiles_with_fingerprints_only(make_profile, user):
    make_profile(key=KEY)
    answer = bearer(token_issue(user=user, name="ci")).get("/api/health/profiles")
    assert answer.status_code == 200
    assert answer.json()["profiles"][0]["key"] == "sk-…0123"
    assert KEY not in answer.content.decode()


def test_a_wrong_token_is_refused_in_the_callers_language(db):
    answer = Client(headers={"Authorization": "Bearer tsh_nope", "Accept-Language": "ko"}).get("/api/health/profiles")
    assert answer.status_code == 401
    assert "토큰" in answer.json()["error"]


def test_only_the_tokens_hash_is_stored_and_the_command_prints_it_once(user):
    out = io.StringIO()
    call_command("issue_api_token", user.username, stdout=out)
    token = out.getvalue().strip()
    stored = ApiToken.objects.get()
    assert token.startswith("tsh_") and token not in (stored.token_hash, stored.fingerprint)
    assert bearer(token).get("/api/health/profiles").status_code == 200


def test_a_check_is_queued_for_your_own_profile_only(make_profile, user, django_user_model):
    mine = make_profile()
    theirs = make_profile(owner=django_user_model.objects.create_user("grace"))
    client = bearer(token_issue(user=user, name="ci"))
    answer = client.post(f"/api/health/profiles/{mine.pk}/check")
    assert answer.status_code == 202
    assert answer.json()["url"].endswith(f"/health/runs/{CheckRun.objects.get().pk}/")
    assert client.post(f"/api/health/profiles/{theirs.pk}/check").status_code == 404


@pytest.mark.parametrize("with_token", [False, True])
def test_a_session_must_send_its_csrf_token_to_queue_a_check(make_profile, user, with_token):
    profile = make_profile()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/en/health/")
    headers = {"X-CSRFToken": client.cookies["csrftoken"].value} if with_token else {}
    answer = client.post(f"/api/health/profiles/{profile.pk}/check", headers=headers)
    assert answer.status_code == (202 if with_token else 403)
