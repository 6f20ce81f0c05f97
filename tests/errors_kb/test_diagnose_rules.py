"""Rules are data: ranking, ambiguity, new entries, cache invalidation and validation."""

import pytest

from errors_kb.diagnose import diagnose_text
from errors_kb.diagnosis.rules import STAMP_KEY
from errors_kb.models import Entry, MatchRule
from tests.errors_kb.admin_forms import change_form_data, inline_prefix

pytestmark = pytest.mark.django_db


def test_it_trusts_the_message_over_the_status(diagnose_rules):
    text = "Error code: 429 - {'error': {'message': 'The server had an error while processing your request.'}}"
    assert diagnose_text(text).best.condition == "500-server-error"


def test_it_settles_quota_against_rate_limit_by_the_code(diagnose_rules):
    quota = diagnose_text("RateLimitError: Error code: 429 - {'error': {'message': 'x', 'code': 'insufficient_quota'}}")
    rate = diagnose_text("RateLimitError: Error code: 429 - {'error': {'message': 'x', 'code': 'rate_limit_exceeded'}}")
    assert quota.best.condition == "429-quota-exceeded" and not quota.ambiguous
    assert rate.best.condition == "429-rate-limit" and not rate.ambiguous


def test_it_gives_the_evidence_in_words(diagnose_rules):
    diagnosis = diagnose_text(
        "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please "
        "check your plan and billing details.', 'type': 'insufficient_quota', 'code': 'insufficient_quota'}}"
    )
    assert "code insufficient_quota" in diagnosis.best.evidence
    assert diagnosis.best.confidence > 0.7


def test_it_says_a_bare_429_is_ambiguous_and_what_would_settle_it(diagnose_rules):
    diagnosis = diagnose_text("Error: Request failed with status code 429")
    assert diagnosis.ambiguous
    conditions = [m.condition for m in diagnosis.matches]
    assert conditions[:2] == ["429-rate-limit", "429-quota-exceeded"]
    assert 0.3 <= diagnosis.matches[0].confidence <= 0.55
    assert sum(m.confidence for m in diagnosis.matches) <= 1.01
    assert any("code field" in line for line in diagnosis.settle_with)


def test_it_separates_a_region_block_from_a_permission_problem(diagnose_rules):
    region = diagnose_text(
        '403 {"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported"}}'
    )
    scope = diagnose_text(
        "PermissionDeniedError: Error code: 403 - You have insufficient permissions for this operation. Missing scopes: model.request."
    )
    assert region.best.condition == "403-unsupported-region"
    assert scope.best.condition == "403-permission-denied"


def test_it_separates_a_proxy_gateway_from_the_api_server_error(diagnose_rules):
    nginx = diagnose_text(
        "openai.InternalServerError: <html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"
    )
    api = diagnose_text(
        "openai.InternalServerError: Error code: 500 - The server had an error while processing your request."
    )
    assert nginx.best.condition == "502-bad-gateway"
    assert api.best.condition == "500-server-error"


@pytest.mark.parametrize(
    ("cause", "evidence"),
    [
        ("httpx.ConnectError: [Errno -2] Name or service not known", "DNS"),
        ("httpx.ProxyError: 407 Proxy Authentication Required", "proxy"),
        ("httpx.ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "TLS"),
        ("httpx.ConnectError: [WinError 10061] 由于目标计算机积极拒绝，无法连接。", "refused"),
    ],
)
def test_the_evidence_names_the_network_cause(diagnose_rules, cause, evidence):
    text = f"{cause}\n\nThe above exception was the direct cause of the following exception:\n\nopenai.APIConnectionError: Connection error."
    diagnosis = diagnose_text(text)
    assert diagnosis.best.condition == "connection-error"
    assert any(line.startswith(evidence) for line in diagnosis.best.evidence)


def test_a_timeout_cause_makes_it_a_timeout(diagnose_rules):
    text = "httpx.ReadTimeout: The read operation timed out\n\nThe above exception was the direct cause of the following exception:\n\nopenai.APITimeoutError: Request timed out."
    assert diagnose_text(text).best.condition == "timeout"


def test_it_returns_key_hints_for_a_401(diagnose_rules):
    diagnosis = diagnose_text(
        "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: "
        "sk-or-v1-***********************************************************5f2a. You can find your API key at "
        "https://platform.openai.com/account/api-keys.', 'code': 'invalid_api_key'}}"
    )
    assert diagnosis.best.condition == "401-incorrect-api-key"
    assert any("OpenRouter" in hint for hint in diagnosis.key_hints)


def test_it_speaks_the_requested_language(diagnose_rules):
    diagnosis = diagnose_text("Error code: 429 - {'error': {'code': 'insufficient_quota'}}", language="zh-hans")
    assert "错误码 insufficient_quota" in diagnosis.best.evidence


def test_a_new_entry_with_rules_becomes_diagnosable_without_code(diagnose_rules, django_capture_on_commit_callbacks):
    diagnose_text("warm the compiled rules")
    with django_capture_on_commit_callbacks(execute=True):
        entry = Entry.objects.create(slug="400-image-too-large", title="Image too large")
        MatchRule.objects.create(
            entry=entry,
            field="message",
            pattern=r"image is too large|exceeds the maximum image size",
            weight=0.95,
            label_en="message says the image is too large",
        )
    diagnosis = diagnose_text("openai.BadRequestError: Error code: 400 - The image is too large (max 20 MB).")
    assert diagnosis.best.condition == "400-image-too-large"
    assert diagnosis.best.evidence == ["message says the image is too large"]
    assert diagnosis.titles["400-image-too-large"] == "Image too large"


def explained_by_rules(text):
    """The matches that rules explain (not the low-confidence nearest-entry suggestion)."""
    diagnosis = diagnose_text(text)
    return [m for m in diagnosis.matches if "the text resembles this entry's examples" not in m.evidence]


def test_editing_a_rule_changes_the_next_diagnosis(diagnose_rules, django_capture_on_commit_callbacks):
    text = "openai.APIStatusError: our gizmo melted"  # an API error no shipped rule explains
    assert explained_by_rules(text) == []
    entry = Entry.objects.get(slug="500-server-error")
    with django_capture_on_commit_callbacks(execute=True):
        rule = MatchRule.objects.create(entry=entry, field="text", pattern="gizmo", weight=0.2)
    assert diagnose_text(text).best.condition == "500-server-error"
    with django_capture_on_commit_callbacks(execute=True):
        rule.pattern = "gadget"
        rule.save()
    assert explained_by_rules(text) == []


def test_deleting_a_rule_changes_the_next_diagnosis(diagnose_rules, django_capture_on_commit_callbacks):
    text = "openai.error.APIRemovedInV1: You tried to access openai.ChatCompletion"
    assert diagnose_text(text).best.condition == "api-removed-in-v1"
    with django_capture_on_commit_callbacks(execute=True):
        Entry.objects.get(slug="api-removed-in-v1").delete()
    assert all(m.condition != "api-removed-in-v1" for m in diagnose_text(text).matches)


def test_a_negative_weight_counts_against(diagnose_rules, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = Entry.objects.create(slug="made-up", title="Made up")
        MatchRule.objects.create(entry=entry, field="text", pattern="widget", weight=0.9)
        MatchRule.objects.create(entry=entry, field="text", pattern="harmless", weight=-1.0)
    assert diagnose_text("openai.APIStatusError: widget broke").best.condition == "made-up"
    assert explained_by_rules("openai.APIStatusError: harmless widget") == []


def test_the_admin_refuses_a_broken_pattern_with_a_clear_message(admin_client, diagnose_rules):
    entry = Entry.objects.get(slug="timeout")
    url = f"/admin/errors_kb/entry/{entry.pk}/change/"
    form = admin_client.get(url)
    data = change_form_data(form)
    data[f"{inline_prefix(form, MatchRule)}-0-pattern"] = "timed (out"

    response = admin_client.post(url, data)

    assert response.status_code == 200  # the form comes back, nothing saved
    assert "not a valid regular expression" in response.content.decode()
    assert "missing )" in response.content.decode()
    assert entry.match_rules.first().pattern != "timed (out"


def test_the_model_validation_refuses_a_broken_pattern_and_a_wild_weight(diagnose_rules):
    from django.core.exceptions import ValidationError

    rule = MatchRule(entry=Entry.objects.get(slug="timeout"), field="text", pattern="[unclosed", weight=3)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "pattern" in error.value.message_dict and "weight" in error.value.message_dict


def test_a_broken_pattern_written_around_validation_does_not_break_diagnosis(
    diagnose_rules, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        MatchRule.objects.create(entry=Entry.objects.get(slug="timeout"), field="text", pattern="(((", weight=0.5)
    assert diagnose_text("openai.APITimeoutError: Request timed out.").best.condition == "timeout"


def test_every_shipped_rule_compiles_and_has_three_labels():
    import json
    import re

    from errors_kb.guide_file import DEFAULT_GUIDE_PATH

    data = json.loads(DEFAULT_GUIDE_PATH.read_text(encoding="utf-8"))
    for entry in data["entries"]:
        slug = entry["slug"]
        for rule in entry["match_rules"]:
            re.compile(rule["pattern"])
            assert rule["field"] in {"message", "code", "type", "status", "exception", "text"}
            assert -1 <= rule["weight"] <= 1
            if rule["weight"] > 0:
                assert all(rule["label"].get(lang) for lang in ("en", "zh-hans", "ko")), (slug, rule["pattern"])


@pytest.fixture
def unreachable_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    yield
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_diagnosis_and_rule_edits_work_while_the_cache_is_unreachable(
    diagnose_rules, unreachable_cache, caplog, django_capture_on_commit_callbacks
):
    rule = MatchRule.objects.filter(entry__slug="timeout").first()
    with django_capture_on_commit_callbacks(execute=True):
        rule.weight = 0.5
        rule.save()  # the invalidation cannot reach the cache; the save still stands
    assert "could not reach the cache" in caplog.text

    assert diagnose_text("openai.APITimeoutError: Request timed out.").best.condition == "timeout"
    assert "cache unreachable" in caplog.text


@pytest.fixture
def redis_cache(settings, redis_url):
    """The real shared cache: this session's private Redis, on a database of its own."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url[:-1] + "1"}
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def test_the_rules_are_invalidated_when_the_save_commits_not_before(
    diagnose_rules, redis_cache, django_capture_on_commit_callbacks
):
    text = "openai.APIStatusError: our gizmo melted"
    assert explained_by_rules(text) == []
    stamp_before = redis_cache.get(STAMP_KEY)
    entry = Entry.objects.get(slug="500-server-error")

    with django_capture_on_commit_callbacks(execute=True):
        MatchRule.objects.create(entry=entry, field="text", pattern="gizmo", weight=0.2)
        entry.title_en = "Server error (edited)"
        entry.save()
        # Another process diagnosing now reads the old rows: it must keep them under the old stamp.
        stamp_while_saving = redis_cache.get(STAMP_KEY)

    assert stamp_before is not None and stamp_while_saving == stamp_before
    assert redis_cache.get(STAMP_KEY) != stamp_before
    assert diagnose_text(text).best.condition == "500-server-error"
    assert redis_cache.get(STAMP_KEY) not in (None, stamp_before)


def test_a_rolled_back_save_leaves_the_rules_alone(diagnose_rules, redis_cache, django_capture_on_commit_callbacks):
    from django.db import transaction

    diagnose_text("warm the compiled rules")
    stamp_before = redis_cache.get(STAMP_KEY)

    timeout = Entry.objects.get(slug="timeout")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        MatchRule.objects.create(entry=timeout, field="text", pattern="x", weight=0.2)
        raise RuntimeError("the admin's save failed")

    assert callbacks == []
    assert redis_cache.get(STAMP_KEY) == stamp_before


def test_codes_and_types_come_only_from_the_entries_own_lists():
    import json

    from errors_kb.guide_file import DEFAULT_GUIDE_PATH

    guide = json.loads(DEFAULT_GUIDE_PATH.read_text(encoding="utf-8"))
    for entry in guide["entries"]:
        fields = {rule["field"] for rule in entry.get("match_rules", [])}
        assert not fields & {"code", "type"}, entry["slug"]


def test_a_code_added_to_an_entry_is_diagnosed_without_a_rule(diagnose_rules, django_capture_on_commit_callbacks):
    entry = Entry.objects.get(slug="429-quota-exceeded")
    entry.error_codes = [*entry.error_codes, "brand_new_billing_code"]
    with django_capture_on_commit_callbacks(execute=True):
        entry.save()
    text = 'Error code: 429 - {"error": {"message": "x", "code": "brand_new_billing_code"}}'
    diagnosis = diagnose_text(text)
    assert diagnosis.best.condition == "429-quota-exceeded"
    assert "code brand_new_billing_code" in diagnosis.best.evidence
