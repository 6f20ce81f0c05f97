"""A resolution offers a signed-in user to check their saved connections now (health's own "check now")."""

import re

from django.contrib.auth import get_user_model

from troubleshooter.health.models import CheckRun, Profile

RESOLUTION = "/en/wizard/?p=start,r-503-engine-overloaded"


def user_with_profile(name, profile_name, **fields):
    user = get_user_model().objects.create_user(name, password="not-used-here-1")
    profile = Profile(owner=user, name=profile_name, **fields)
    profile.set_key("sk-proj-livecheck0123456789abcdefWXYZ")
    profile.save()
    return user, profile


def test_a_signed_in_user_is_offered_a_check_of_each_enabled_profile(client, flow):
    ada, production = user_with_profile("ada", "Production")
    Profile.objects.create(owner=ada, name="Paused", enabled=False, key_ciphertext="x", key_fingerprint="sk-…x")
    user_with_profile("eve", "Eve's project")
    client.force_login(ada)

    html = client.get(RESOLUTION).content.decode()

    assert f'action="/en/health/profiles/{production.pk}/check/"' in html
    assert "Check Production now" in html and "Paused" not in html and "Eve" not in html


def test_visitors_and_users_without_profiles_are_offered_nothing(client, flow):
    assert "Check it live" not in client.get(RESOLUTION).content.decode()
    client.force_login(get_user_model().objects.create_user("bob", password="not-used-here-1"))
    assert "Check it live" not in client.get(RESOLUTION).content.decode()


def test_checking_now_queues_a_run_and_opens_its_page(client, flow, django_capture_on_commit_callbacks):
    ada, production = user_with_profile("ada", "Production")
    client.force_login(ada)
    action = re.search(r'action="([^"]+/check/)"', client.get(RESOLUTION).content.decode()).group(1)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(action)

    run = CheckRun.objects.get(profile=production)
    assert response.status_code == 302 and response["Location"] == f"/en/health/runs/{run.pk}/"
    assert run.status == "queued" and callbacks
