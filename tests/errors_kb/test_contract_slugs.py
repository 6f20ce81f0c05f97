"""Every condition slug of DESIGN.md answers as a page and through the API, in every language."""

import re

import pytest

from errors_kb.models import Entry

pytestmark = pytest.mark.django_db

DESIGN_SLUGS = [
    "401-invalid-authentication", "401-incorrect-api-key", "401-expired-api-key", "401-revoked-api-key",
    "401-not-in-organization", "403-unsupported-region", "403-permission-denied", "400-bad-request",
    "400-missing-required-field", "400-invalid-value", "400-model-not-supported", "400-context-length-exceeded",
    "404-model-not-found", "404-not-found", "409-conflict", "422-unprocessable-entity", "429-rate-limit",
    "429-quota-exceeded", "429-concurrent-limit", "500-server-error", "502-bad-gateway", "503-engine-overloaded",
    "503-slow-down", "503-service-unavailable", "504-gateway-timeout", "connection-error", "timeout",
]  # fmt: skip
LANGUAGES = ["en", "zh-hans", "ko"]


@pytest.fixture
def guide(diagnose_rules):
    return {entry.slug: entry for entry in Entry.objects.prefetch_related("steps")}


def test_the_guide_has_every_condition_of_the_contract(guide):
    assert set(DESIGN_SLUGS) <= set(guide)
    assert len(DESIGN_SLUGS) == 27


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_condition_page_shows_its_own_title_and_steps(client, guide, lang):
    for slug in DESIGN_SLUGS:
        response = client.get(f"/{lang}/errors/{slug}/")
        page = response.content.decode()
        title = getattr(guide[slug], f"title_{lang.replace('-', '_')}")
        first_step = getattr(guide[slug].steps.all()[0], f"text_{lang.replace('-', '_')}")
        assert response.status_code == 200, slug
        assert title and title in page, (slug, lang)
        longest_word = max(re.findall(r"[^\W_]+", first_step), key=len)  # survives Markdown rendering
        assert longest_word in page, (slug, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_condition_answers_through_the_api(client, guide, lang):
    for slug in DESIGN_SLUGS:
        data = client.get(f"/api/errors/{slug}", {"lang": lang}).json()
        assert data["slug"] == slug and data["lang"] == lang
        assert data["title"] == getattr(guide[slug], f"title_{lang.replace('-', '_')}")
        assert data["cause"] and data["solution"] and data["steps"] and data["reasons"], (slug, lang)
        assert data["http_status"] == guide[slug].http_status
