"""Guide entries for tests, independent of the real guide data."""

from pathlib import Path

from django.apps import apps
from django.db import connection
from modeltranslation.utils import build_localized_fieldname

from errors_kb.models import Entry, Reason, Step

SMALL_GUIDE = Path(__file__).parent / "fixtures" / "guide_small.json"


def guide_clear():
    """Delete every guide row and its history, in the test's own transaction (rolled back after it).

    Plain DELETEs: deleting through the ORM would write a history record for each row.
    Foreign keys are checked at commit, which a test never reaches, so the order does not matter.
    """
    models = apps.get_app_config("errors_kb").get_models(include_auto_created=True)
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def entry_create(*, slug, text, reasons=None, steps=None, related=(), **fields):
    """An entry with its translated fields, reasons and steps.

    ``text`` maps a language to its fields ({"en": {"title": …}}); ``reasons`` and
    ``steps`` map a language to an ordered list of Markdown strings.
    """
    for lang, values in text.items():
        for name, value in values.items():
            fields[build_localized_fieldname(name, lang)] = value
    entry = Entry.objects.create(slug=slug, **fields)
    for model, items in ((Reason, reasons or {}), (Step, steps or {})):
        count = max((len(texts) for texts in items.values()), default=0)
        for position in range(count):
            model.objects.create(
                entry=entry,
                position=position,
                **{
                    build_localized_fieldname("text", lang): texts[position]
                    for lang, texts in items.items()
                    if position < len(texts)
                },
            )
    entry.related.set(related)
    return entry


QUOTA = dict(
    slug="429-quota-exceeded",
    kind=Entry.Kind.CONDITION,
    sort_order=190,
    http_status=429,
    api_messages=["You exceeded your current quota, please check your plan and billing details."],
    error_codes=["insufficient_quota"],
    error_types=["insufficient_quota"],
    sdk_exceptions=["openai.RateLimitError", "openai.error.RateLimitError"],
    examples=["openai.RateLimitError: Error code: 429 - {'error': {'code': 'insufficient_quota'}}"],
    who_acts=Entry.Actor.ORG_OWNER,
    retry=Entry.Retry.NO,
    text={
        "en": {
            "title": "Quota exceeded",
            "summary": "Your organization has used up its credits or its monthly budget.",
            "cause": "The account behind the key has **no credit left**.",
            "solution": "Add credit or raise the monthly budget.",
            "body": "Quota is about money, not speed.",
            "sources_note": "Older posts call this a rate limit.",
        },
        "zh-hans": {
            "title": "配额已用完",
            "summary": "你的组织已经用完了余额或本月预算。",
            "cause": "密钥所属的账户**已没有余额**。",
            "solution": "充值或提高每月预算。",
            "body": "配额与费用有关，与速度无关。",
            "sources_note": "较早的帖子把它称为速率限制。",
        },
        "ko": {
            "title": "할당량 초과",
            "summary": "조직의 크레딧이나 월 예산을 모두 사용했습니다.",
            "cause": "키가 속한 계정에 **남은 크레딧이 없습니다**.",
            "solution": "크레딧을 충전하거나 월 예산을 늘리세요.",
            "body": "할당량은 속도가 아니라 비용의 문제입니다.",
            "sources_note": "예전 글에서는 이를 속도 제한이라고 부릅니다.",
        },
    },
    reasons={
        "en": ["The free trial credit expired.", "The monthly budget was reached."],
        "zh-hans": ["免费试用额度已过期。", "已达到每月预算。"],
        "ko": ["무료 체험 크레딧이 만료되었습니다.", "월 예산에 도달했습니다."],
    },
    steps={
        "en": ["Open the billing page.", "Add credit.", "Wait a few minutes and try again."],
        "zh-hans": ["打开账单页面。", "充值。", "等几分钟后重试。"],
        "ko": ["결제 페이지를 엽니다.", "크레딧을 충전합니다.", "몇 분 기다린 뒤 다시 시도합니다."],
    },
)


RATE_LIMIT = dict(
    slug="429-rate-limit",
    kind=Entry.Kind.CONDITION,
    sort_order=180,
    http_status=429,
    api_messages=["Rate limit reached for requests"],
    error_codes=["rate_limit_exceeded"],
    error_types=["requests", "tokens"],
    sdk_exceptions=["openai.RateLimitError", "openai.error.RateLimitError"],
    who_acts=Entry.Actor.YOU,
    retry=Entry.Retry.AFTER_WAIT,
    text={
        "en": {"title": "Rate limit reached", "summary": "Too many requests or tokens per minute."},
        "zh-hans": {"title": "触发速率限制", "summary": "每分钟的请求数或令牌数过多。"},
        "ko": {"title": "속도 제한 도달", "summary": "분당 요청 수나 토큰 수가 너무 많습니다."},
    },
)


TIMEOUT = dict(
    slug="timeout",
    kind=Entry.Kind.CONDITION,
    sort_order=900,
    http_status=None,
    sdk_exceptions=["openai.APITimeoutError", "openai.error.Timeout"],
    who_acts=Entry.Actor.PROVIDER,
    retry=Entry.Retry.YES,
    text={
        "en": {"title": "Request timed out", "summary": "No answer arrived in time."},
        "zh-hans": {"title": "请求超时", "summary": "在限定时间内没有收到响应。"},
        "ko": {"title": "요청 시간 초과", "summary": "제한 시간 안에 응답이 오지 않았습니다."},
    },
)


RATE_LIMIT_EXCEPTION = dict(
    slug="openai-ratelimiterror",
    kind=Entry.Kind.EXCEPTION,
    sort_order=1000,
    http_status=429,
    sdk_exceptions=["openai.RateLimitError"],
    text={
        "en": {"title": "openai.RateLimitError", "summary": "Raised for every 429 answer."},
        "zh-hans": {"title": "openai.RateLimitError", "summary": "每个 429 响应都会抛出它。"},
        "ko": {"title": "openai.RateLimitError", "summary": "429 응답마다 발생합니다."},
    },
)


TOPIC = dict(
    slug="rate-limits-and-backoff",
    kind=Entry.Kind.TOPIC,
    sort_order=2000,
    text={
        "en": {"title": "Rate limits and backoff", "summary": "How to retry without making it worse."},
        "zh-hans": {"title": "速率限制与退避", "summary": "如何重试而不让情况更糟。"},
        "ko": {"title": "속도 제한과 백오프", "summary": "상황을 악화시키지 않고 재시도하는 방법."},
    },
)


def sample_guide():
    """A small guide in place of whatever the database holds: two 429 conditions, a timeout,
    an exception page and a topic, cross-linked."""
    guide_clear()
    topic = entry_create(**TOPIC)
    rate_limit = entry_create(**RATE_LIMIT, related=[topic])
    quota = entry_create(**QUOTA, related=[rate_limit, topic])
    return {
        "quota": quota,
        "rate_limit": rate_limit,
        "timeout": entry_create(**TIMEOUT),
        "exception": entry_create(**RATE_LIMIT_EXCEPTION, related=[quota, rate_limit]),
        "topic": topic,
    }
