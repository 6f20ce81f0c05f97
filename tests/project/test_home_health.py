"""The home page: OpenAI's status for everyone, a health summary for signed-in users."""

from django.contrib.auth import get_user_model

from troubleshooter.health.models import Profile, StatusSnapshot

INCIDENT = {"name": "Elevated error rates on the API", "status": "identified", "impact": "major", "components": []}


def profile_of(user, name, state):
    profile = Profile(owner=user, name=name, state=state)
    profile.set_key("sk-proj-home0123456789abcdefghijWXYZ")
    profile.save()


def test_visitors_see_openai_status_unknown_and_no_health_summary(client, db):
    html = client.get("/en/").content.decode()

    assert "OpenAI&#x27;s status is unknown" in html
    assert "Your health checks" not in html and 'href="/en/health/"' not in html.split("<main")[1]


def test_visitors_see_an_open_incident(client, db):
    StatusSnapshot.objects.create(reachable=True, indicator="major", description="Partial", incidents=[INCIDENT])

    assert "OpenAI reports an incident now: Elevated error rates on the API." in client.get("/en/").content.decode()


def test_signed_in_users_see_their_profiles_states_and_the_failing_count(client, db):
    ada = get_user_model().objects.create_user("ada", password="not-used-here-1")
    eve = get_user_model().objects.create_user("eve", password="not-used-here-2")
    profile_of(ada, "Production", "failing")
    profile_of(ada, "Staging", "healthy")
    profile_of(eve, "Eve's secret project", "failing")
    client.force_login(ada)

    html = client.get("/en/").content.decode()

    assert "Failing: 1 of 2." in html
    assert "Production" in html and "Staging" in html and "Eve" not in html
    assert 'health-state--failing">Failing<' in html
    assert 'href="/en/health/">Open your health checks<' in html


def test_a_signed_in_user_without_profiles_is_invited_to_add_one_in_chinese(client, db):
    client.force_login(get_user_model().objects.create_user("ada", password="not-used-here-1"))

    html = client.get("/zh-hans/").content.decode()

    assert "你的健康检查" in html and 'href="/zh-hans/health/"' in html
