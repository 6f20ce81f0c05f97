"""Redis down (cache and broker): the guide, diagnosing, the wizard and filing a ticket keep working."""

import json

import pytest

DEAD_REDIS = "redis://127.0.0.1:1/0"
QUOTA = (
    "openai.RateLimitError: Error code: 429 - {'error': {'code': 'insufficient_quota', 'type': 'insufficient_quota'}}"
)


@pytest.fixture
def redis_down(settings, shipped_guide):
    from troubleshooter.wizard.flow_data import flow_load, flow_read_file
    from troubleshooter.wizard.models import Node

    if not Node.objects.exists():
        assert flow_load(data=flow_read_file()).ok
    settings.REDIS_URL = DEAD_REDIS
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": DEAD_REDIS}}


def test_the_guide_answers_without_redis(client, redis_down):
    assert client.get("/ko/errors/").status_code == 200
    assert client.get("/zh-hans/errors/429-quota-exceeded/").status_code == 200
    assert client.get("/en/errors/?q=quota").status_code == 200
    assert client.get("/api/errors/429-quota-exceeded?lang=ko").status_code == 200


def test_diagnosing_works_without_redis(client, redis_down):
    response = client.post("/api/diagnose", json.dumps({"text": QUOTA}), content_type="application/json")

    assert response.status_code == 200
    assert response.json()["matches"][0]["condition"] == "429-quota-exceeded"
    assert client.post("/en/diagnose/", {"text": QUOTA}).status_code == 200


def test_the_wizard_walks_without_redis(client, redis_down):
    assert client.get("/en/wizard/").status_code == 200
    landing = client.post("/en/wizard/paste/", {"text": QUOTA})

    assert landing.status_code in (200, 302)


def test_a_ticket_is_filed_without_redis(client, redis_down):
    from troubleshooter.tickets.models import Ticket

    body = {"error_message": QUOTA, "model": "gpt-4o-mini", "timezone": "Asia/Seoul"}
    response = client.post("/api/tickets", json.dumps(body), content_type="application/json")

    assert response.status_code == 201
    assert Ticket.objects.filter(reference=response.json()["reference"]).exists()
