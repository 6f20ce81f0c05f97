"""The diagnoser reads its vocabulary from the database: a change reaches the next diagnosis once committed."""

import pytest

from errors_kb.diagnose import diagnose_text
from errors_kb.models import Concept, ConceptEntry, Entry

pytestmark = pytest.mark.django_db

REGION_IN_CHINESE = "接口报错：当前地区限制，无法使用"


def test_deleting_a_concept_changes_the_diagnosis_once_committed(diagnose_rules, django_capture_on_commit_callbacks):
    assert diagnose_text(REGION_IN_CHINESE).best.condition == "403-unsupported-region"

    with django_capture_on_commit_callbacks(execute=True):
        Concept.objects.get(name="region").delete()

    best = diagnose_text(REGION_IN_CHINESE).best
    assert best is None or best.condition != "403-unsupported-region"


def test_a_concept_points_to_another_entry_once_its_link_changes(diagnose_rules, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ConceptEntry.objects.filter(concept__name="region").update(
            entry=Entry.objects.get(slug="401-incorrect-api-key")
        )
        Concept.objects.get(name="region").save()  # a bulk update sends no signal; the admin saves the row

    assert diagnose_text(REGION_IN_CHINESE).best.condition == "401-incorrect-api-key"


def test_a_sign_of_a_failed_api_call_lets_a_text_through_the_gate(diagnose_rules, django_capture_on_commit_callbacks):
    text = "Error: insufficient funds on the frobnicator gateway"
    assert diagnose_text(text).best is None

    with django_capture_on_commit_callbacks(execute=True):
        _add_english_wording(Concept.Role.API_SIGNS, "frobnicator gateway")

    assert diagnose_text(text).best.condition == "429-quota-exceeded"


def _add_english_wording(role, wording):
    """What an admin does: one more English line on the concept of that role, saved."""
    concept = Concept.objects.get(role=role)
    concept.wordings_en += f"\n{wording}"
    concept.save()


def test_without_any_vocabulary_the_diagnoser_still_answers(diagnose_rules, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Concept.objects.all().delete()

    assert diagnose_text("openai.RateLimitError: Error code: 429 - {'error': {'code': 'insufficient_quota'}}").best


# Every concept the diagnoser's wordings must cover, with the entry it points to.
CONCEPTS = {
    "quota, balance and credits": "429-quota-exceeded",
    "rate, TPM and RPM": "429-rate-limit",
    "timeout": "timeout",
    "region": "403-unsupported-region",
    "empty key": "401-invalid-authentication",
    "invalid key": "401-incorrect-api-key",
    "expired or revoked key": "401-expired-api-key",
    "revoked key": "401-revoked-api-key",
    "permission, role and scope": "403-permission-denied",
    "model missing or unsupported": "404-model-not-found",
    "overloaded": "503-engine-overloaded",
    "connection failed": "connection-error",
    "account deactivated": "account-deactivated",
    "organization verification": "organization-unverified",
    "concurrency": "429-concurrent-limit",
    "context too long": "400-context-length-exceeded",
}


@pytest.mark.parametrize(("name", "slug"), CONCEPTS.items())
def test_each_concept_has_wordings_and_a_label_in_three_languages(diagnose_rules, name, slug):
    concept = Concept.objects.get(name=name)
    assert concept.entry_links.filter(entry__slug=slug).exists()
    for language in ("en", "zh-hans", "ko"):
        assert concept.wording_lines(language), (name, language)
    assert concept.label_en and concept.label_zh_hans and concept.label_ko


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("OpenAI 接口调用失败：请求超时，请检查网络", "timeout"),
        ("OpenAI API 오류: 응답 시간이 초과되었습니다", "timeout"),
        ("调用 GPT 接口报错：权限不足，无法访问该模型", "403-permission-denied"),
        ("API 오류: 이 API 키에는 해당 모델에 대한 접근 권한이 없습니다", "403-permission-denied"),
        ("OpenAI 接口错误：API 密钥已被撤销", "401-revoked-api-key"),
        ("OpenAI API error: your API key was revoked", "401-revoked-api-key"),
        ("OpenAI 오류: 계정이 정지되었습니다", "account-deactivated"),
        ("调用 OpenAI 失败：账户已被封禁", "account-deactivated"),
        ("GPT 接口报错：连接失败，无法连接到服务器", "connection-error"),
        ("OpenAI API 오류: 서버에 연결할 수 없습니다", "connection-error"),
    ],
)
def test_the_new_concepts_name_their_entry_in_chinese_korean_and_english(diagnose_rules, text, slug):
    assert diagnose_text(text).best.condition == slug


DISCORD_429 = "discord.errors.HTTPException: 429 Too Many Requests (error code: 0): You are being blocked for a while."


def test_a_named_service_that_is_not_an_llm_api_keeps_its_own_failure(
    diagnose_rules, django_capture_on_commit_callbacks
):
    assert diagnose_text(DISCORD_429).best is None

    other_services = Concept.objects.get(role=Concept.Role.OTHER_APIS)
    with django_capture_on_commit_callbacks(execute=True):
        other_services.wordings_en = "\n".join(line for line in other_services.wording_lines("en") if line != "discord")
        other_services.save()

    assert diagnose_text(DISCORD_429).best.condition == "429-rate-limit"


def test_an_llm_word_makes_a_named_services_text_the_llm_apis_failure(
    diagnose_rules, django_capture_on_commit_callbacks
):
    text = "Slack bot crashed: HTTP 429 Too Many Requests from the frobnicator"
    assert diagnose_text(text).best is None

    with django_capture_on_commit_callbacks(execute=True):
        _add_english_wording(Concept.Role.LLM_CONTEXT, "frobnicator")

    assert diagnose_text(text).best.condition in {"429-rate-limit", "429-quota-exceeded"}
