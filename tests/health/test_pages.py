"""The health pages: signed-in users only, the key never shown back, check now, the run page full and partial."""

import pytest

from troubleshooter.health import services
from troubleshooter.health.models import CheckRun, Profile

pytestmark = pytest.mark.usefixtures("diagnose_rules")
KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123"


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def form_data(**overrides):
    return {
        "name": "Production",
        "base_url": "https://api.openai.com/v1",
        "flavor": "openai",
        "model": "gpt-4o-mini",
        "timeout_seconds": "10",
        "schedule_minutes": "15",
        "enabled": "on",
        "api_key": KEY,
        **overrides,
    }


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/en/health/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")


def test_the_nav_links_health_checks_for_signed_in_users_only(client, user):
    assert "/en/health/" not in client.get("/en/").content.decode()
    client.force_login(user)
    assert "/en/health/" in client.get("/en/").content.decode()


def test_a_profile_is_created_and_the_key_never_shown_back(signed_in):
    response = signed_in.post("/en/health/profiles/new/", form_data())
    assert response.status_code == 302
    profile = Profile.objects.get()
    assert profile.api_key() == KEY and profile.next_check_at is not None
    edit = signed_in.get(f"/en/health/profiles/{profile.pk}/edit/").content.decode()
    dashboard = signed_in.get("/en/health/").content.decode()
    assert "sk-…0123" in edit and "sk-…0123" in dashboard
    assert KEY not in edit + dashboard


def test_a_bad_form_keeps_what_was_typed_and_says_why_in_the_users_language(signed_in):
    response = signed_in.post("/ko/health/profiles/new/", form_data(timeout_seconds="999", name="게이트웨이"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "게이트웨이" in html and KEY not in html
    assert not Profile.objects.exists()


def test_someone_elses_profile_is_not_found(signed_in, make_profile, django_user_model):
    other = make_profile(owner=django_user_model.objects.create_user("grace"))
    assert signed_in.get(f"/en/health/profiles/{other.pk}/edit/").status_code == 404
    assert signed_in.post(f"/en/health/profiles/{other.pk}/check/").status_code == 404


def test_check_now_queues_a_run_and_shows_its_page(signed_in, make_profile, broker, django_capture_on_commit_callbacks):
    profile = make_profile()
    with django_capture_on_commit_callbacks() as callbacks:
        response = signed_in.post(f"/en/health/profiles/{profile.pk}/check/")
    run = CheckRun.objects.get()
    assert len(callbacks) == 1
    assert response["Location"] == f"/en/health/runs/{run.pk}/"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Waiting for a worker" in page and 'hx-trigger="every 1s"' in page and "noscript" in page


def test_the_run_partial_polls_until_the_run_is_finished_then_stops_with_286(signed_in, make_profile, openai_simulator):
    profile = make_profile(base_url=openai_simulator, key="sk-sim-403-unsupported-region")
    queued = CheckRun.objects.create(profile=profile)
    partial = signed_in.get(f"/en/health/runs/{queued.pk}/", headers={"HX-Request": "true"})
    assert partial.status_code == 200 and partial.content.decode().lstrip().startswith('<section id="run-progress"')
    services.check_run(profile_id=profile.pk, run_id=queued.pk)
    partial = signed_in.get(f"/en/health/runs/{queued.pk}/", headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert partial.status_code == 286
    assert "hx-trigger" not in html
    assert "/en/errors/403-unsupported-region/" in html
    assert "TCP connection" in html and "x-request-id" in html


def test_the_dashboard_shows_state_condition_sparkline_and_headroom(signed_in, make_profile, openai_simulator):
    profile = make_profile(base_url=openai_simulator)
    services.check_run(profile_id=profile.pk)
    html = signed_in.get("/zh-hans/health/").content.decode()
    assert "<polyline" in html and "100.0 %" in html
    assert "/500" in html  # requests remaining/limit
    bad = make_profile(name="Broken", base_url=openai_simulator, key="sk-sim-429-quota-exceeded")
    services.check_run(profile_id=bad.pk)
    html = signed_in.get("/en/health/").content.decode()
    assert 'href="/en/errors/429-quota-exceeded/"' in html


def test_the_sparkline_puts_the_slowest_check_at_the_top_and_draws_one_check_as_a_line():
    from troubleshooter.health.queries import sparkline_points

    assert sparkline_points([100, 200]) == "0.0,14.0 120.0,2.0"
    assert sparkline_points([50]) == "0.0,2.0 120.0,2.0"
    assert sparkline_points([]) == ""


def test_check_all_queues_one_run_per_enabled_profile_of_yours(
    signed_in, make_profile, django_user_model, django_capture_on_commit_callbacks
):
    make_profile(name="one")
    make_profile(name="two")
    make_profile(name="paused", enabled=False)
    make_profile(name="theirs", owner=django_user_model.objects.create_user("grace"))
    with django_capture_on_commit_callbacks() as callbacks:
        assert signed_in.post("/en/health/check-all/")["Location"] == "/en/health/"
    assert len(callbacks) == 2
    assert sorted(CheckRun.objects.values_list("profile__name", flat=True)) == ["one", "two"]


def test_check_now_while_the_queue_is_down_keeps_the_run_and_says_it_waits_for_the_queue(
    signed_in, make_profile, settings, django_capture_on_commit_callbacks
):
    from tests.services import broker_connections_drop
    from troubleshooter.celery import app

    profile = make_profile()
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    broker_connections_drop(app)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in.post(f"/ko/health/profiles/{profile.pk}/check/", follow=True)
    finally:
        app.conf.broker_url = previous
        broker_connections_drop(app)

    assert response.status_code == 200
    assert "대기열이 지금 응답하지 않습니다" in response.content.decode()
    assert profile.runs.get().status == "queued"
