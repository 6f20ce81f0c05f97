"""A one-off live check from a wizard resolution: the typed key goes to the probe and nowhere else."""

import logging

import pytest

QUOTA_KEY = "sk-sim-429-quota-exceeded"


@pytest.fixture
def allowed_simulator(openai_simulator, settings):
    settings.WIZARD_ONE_OFF_BASE_URLS = [openai_simulator.rstrip("/")]
    return openai_simulator


def test_a_visitor_checks_a_key_against_an_allowed_url_and_reads_the_verdict(client, flow, allowed_simulator, caplog):
    caplog.set_level(logging.DEBUG)

    response = client.post(
        "/ko/wizard/live-check/", {"base_url": allowed_simulator, "api_key": QUOTA_KEY, "model": "gpt-4o-mini"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "/ko/errors/429-quota-exceeded/" in page and "HTTP 429" in page
    assert "/ko/wizard/?p=start," in page  # on into the fix
    assert QUOTA_KEY not in page and QUOTA_KEY not in caplog.text
    assert "no-store" in response["Cache-Control"]


def test_a_visitor_may_not_send_a_key_elsewhere(client, flow, allowed_simulator):
    response = client.post(
        "/zh-hans/wizard/live-check/",
        {"base_url": "https://gateway.example.com/v1", "api_key": "sk-live-abcdefghijklmnop", "model": "gpt-4o-mini"},
    )

    assert response.status_code == 400
    assert "不登录时，在线检查只能发往" in response.content.decode()


def test_an_htmx_check_answers_the_result_region_only(client, flow, allowed_simulator):
    response = client.post(
        "/en/wizard/live-check/",
        {"base_url": allowed_simulator, "api_key": "sk-sim-ok", "model": "gpt-4o-mini"},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<section id="live-check-result"')
    assert "every stage passed" in page


def test_live_checks_are_rate_limited(client, flow, allowed_simulator, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "live_check": "1/m"}
    data = {"base_url": allowed_simulator, "api_key": "sk-sim-ok", "model": "gpt-4o-mini"}
    client.post("/en/wizard/live-check/", data)

    response = client.post("/en/wizard/live-check/", data)

    assert response.status_code == 429 and response.has_header("Retry-After")


def test_a_resolution_offers_the_one_off_check_with_a_key_field_that_is_never_filled(client, flow):
    page = client.get("/en/wizard/", {"p": "start,r-connection-error"}).content.decode()

    assert 'action="/en/wizard/live-check/"' in page
    assert 'type="password"' in page
