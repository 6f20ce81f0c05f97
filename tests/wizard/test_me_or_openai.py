"""Resolutions of conditions on OpenAI's side say what OpenAI's status page says (as the health app stored it)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from troubleshooter.health.models import StatusSnapshot

OVERLOADED = "/en/wizard/?p=start,r-503-engine-overloaded"
INCIDENT = {"name": "Elevated error rates on the API", "status": "investigating", "impact": "major", "components": []}


def side_line(html):
    start = html.index("Me or OpenAI?")
    return html[start : html.index("</p>", start)]


def test_with_no_stored_status_it_says_status_unknown(client, flow):
    assert "OpenAI&#x27;s status is unknown" in side_line(client.get(OVERLOADED).content.decode())


def test_a_stale_status_is_status_unknown(client, flow):
    StatusSnapshot.objects.create(reachable=True, indicator="none", fetched_at=timezone.now() - timedelta(hours=1))

    assert "status is unknown" in side_line(client.get(OVERLOADED).content.decode())


def test_an_open_api_incident_is_named(client, flow):
    StatusSnapshot.objects.create(reachable=True, indicator="major", description="Partial", incidents=[INCIDENT])

    line = side_line(client.get(OVERLOADED).content.decode())

    assert "OpenAI reports an incident now: Elevated error rates on the API." in line


def test_all_clear_points_between_you_and_openai_in_korean(client, flow):
    StatusSnapshot.objects.create(reachable=True, indicator="none", description="All Systems Operational")

    html = client.get(OVERLOADED.replace("/en/", "/ko/")).content.decode()

    assert "내 문제일까, OpenAI 문제일까?" in html
    assert "OpenAI는 지금 장애를 보고하지 않았습니다." in html


@pytest.mark.parametrize("path", ["start,q-status,q-429,r-429-quota-exceeded", "start,r-401-incorrect-api-key"])
def test_conditions_on_your_side_show_no_openai_status(client, flow, path):
    assert "Me or OpenAI?" not in client.get(f"/en/wizard/?p={path}").content.decode()
