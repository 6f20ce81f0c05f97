"""Other providers' wordings of an error (DeepSeek, Gemini, Qianfan, one-api…): data on the entry, read by the
diagnoser as known messages and as evidence for their entry, listed on the entry's page and in the API."""

import pytest

from errors_kb.diagnose import diagnose_text
from errors_kb.models import Entry, ProviderMessage

pytestmark = pytest.mark.django_db

WORDING = "Your frobnicator credits have run dry for this billing cycle"


def _add(slug, message, *, provider="Frobnicator AI", code=""):
    """What an admin does in the entry's inline: one more provider's wording, saved."""
    return ProviderMessage.objects.create(
        entry=Entry.objects.get(slug=slug), provider=provider, message=message, code=code
    )


def test_a_providers_wording_names_its_entry_once_committed(diagnose_rules, django_capture_on_commit_callbacks):
    text = f"chat failed: {WORDING}. Top up to continue."
    assert diagnose_text(text).best is None

    with django_capture_on_commit_callbacks(execute=True):
        _add("429-quota-exceeded", WORDING)

    best = diagnose_text(text).best
    assert best.condition == "429-quota-exceeded"
    assert "Frobnicator AI" in " ".join(best.evidence)


def test_deleting_a_providers_wording_takes_it_out_of_the_next_diagnosis(
    diagnose_rules, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wording = _add("429-quota-exceeded", WORDING)
    with django_capture_on_commit_callbacks(execute=True):
        wording.delete()

    assert diagnose_text(f"chat failed: {WORDING}.").best is None


@pytest.mark.parametrize("message", ["Permission denied", "Internal Server Error", "InvalidParameter"])
def test_short_or_generic_wordings_are_listed_but_name_nothing(
    diagnose_rules, django_capture_on_commit_callbacks, message
):
    with django_capture_on_commit_callbacks(execute=True):
        _add("403-permission-denied", message)

    assert diagnose_text(f"PermissionError: [Errno 13] {message}: '/etc/shadow'").matches == []


def test_a_wording_the_guide_gives_another_entry_does_not_count_for_the_provider(
    diagnose_rules, django_capture_on_commit_callbacks
):
    quota = "You exceeded your current quota, please check your plan and billing details."
    with django_capture_on_commit_callbacks(execute=True):
        _add("429-rate-limit", quota, provider="Gemini")

    assert diagnose_text(f"openai.RateLimitError: Error code: 429 - {quota}").best.condition == "429-quota-exceeded"


def test_a_providers_code_counts_like_one_of_the_entrys_codes(diagnose_rules, django_capture_on_commit_callbacks):
    text = 'API error: {"error": {"code": "FrobnicatorTokenBucketDrained", "message": "try later"}}'
    with django_capture_on_commit_callbacks(execute=True):
        _add("429-rate-limit", "Token bucket drained for your frobnicator plan", code="FrobnicatorTokenBucketDrained")

    assert diagnose_text(text).best.condition == "429-rate-limit"


def test_the_shipped_guide_knows_other_providers_wordings(diagnose_rules):
    assert ProviderMessage.objects.values("provider").distinct().count() >= 20
    assert diagnose_text("Gemini API error: User location is not supported for the API use.").best.condition == (
        "403-unsupported-region"
    )


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("en", "How other APIs and relays word it"),
        ("zh-hans", "其他接口和中转服务的说法"),
        ("ko", "다른 API와 중계 서비스의 표현"),
    ],
)
def test_the_entry_page_lists_the_wordings_by_provider_in_each_language(client, small_guide, lang, heading):
    html = client.get(f"/{lang}/errors/429-quota-exceeded/").content.decode()

    assert heading in html
    assert "<dt>DeepSeek</dt>" in html
    assert '<code lang="en">Insufficient Balance</code>' in html
    assert 'href="#providers"' in html


def test_an_entry_without_providers_wordings_shows_no_such_section(client, small_guide):
    html = client.get("/en/errors/429-rate-limit/").content.decode()

    assert "How other APIs and relays word it" not in html


def test_the_api_gives_each_wording_with_its_provider_status_and_language(client, small_guide):
    data = client.get("/api/errors/429-quota-exceeded", {"lang": "ko"}).json()

    assert data["provider_messages"] == [
        {"provider": "DeepSeek", "status": 402, "code": "", "message": "Insufficient Balance", "message_lang": "en"}
    ]
