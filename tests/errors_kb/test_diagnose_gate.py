"""No answer without a sign of a failed HTTP API call; the status that ended the call wins."""

import json
from pathlib import Path

import pytest

from errors_kb.diagnose import diagnose_text
from errors_kb.diagnosis.extract import extract_text

pytestmark = pytest.mark.django_db
NOT_API = Path(__file__).resolve().parent / "data" / "not_api_errors_dev.jsonl"
REQUIRED_NO_MATCH = 0.95


def load_not_api():
    return [json.loads(line) for line in NOT_API.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_set_of_texts_that_are_not_api_errors_is_large_and_in_three_languages():
    cases = load_not_api()
    assert len(cases) >= 60
    assert {case["language"] for case in cases} == {"en", "zh", "ko"}


def test_texts_that_are_not_api_errors_get_no_match(diagnose_rules):
    cases = load_not_api()
    matched = [(diagnose_text(case["text"]).best, case["text"][:80]) for case in cases]
    matched = [(best.condition, text) for best, text in matched if best]
    share = 1 - len(matched) / len(cases)
    print(f"\nnot API errors: {share:.3f} get no match ({len(cases) - len(matched)}/{len(cases)})")
    for condition, text in matched:
        print(f"  {condition}: {text!r}")
    assert share >= REQUIRED_NO_MATCH


@pytest.mark.parametrize(
    "text",
    [
        "FileNotFoundError: No such file",
        "request took 500 ms",
        "retrying in 502 ms",
        "OpenAI(timeout=600)",
        "finished in 429 seconds",
        "for i in range(429): pass",
    ],
)
def test_a_number_or_a_generic_failure_alone_is_not_diagnosed(diagnose_rules, text):
    diagnosis = diagnose_text(text)
    assert diagnosis.matches == []
    assert diagnosis.extracted.status is None
    assert any("does not look like a failed API call" in note for note in diagnosis.notes)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("status 429", "429-rate-limit"),
        ("HTTP/1.1 503 Service Unavailable", "503-service-unavailable"),
        ("Error code: 401", "401-invalid-authentication"),
        ("429 Too Many Requests", "429-rate-limit"),
        ('{"error": {"message": "x", "code": "insufficient_quota"}}', "429-quota-exceeded"),
        ("httpx.ConnectError: [Errno 111] Connection refused", "connection-error"),
    ],
)
def test_a_sign_of_a_failed_api_call_lets_the_text_through(diagnose_rules, text, slug):
    assert slug in [m.condition for m in diagnose_text(text).matches]


def test_the_note_is_in_the_users_language(diagnose_rules):
    english = diagnose_text("request took 500 ms", language="en").notes
    chinese = diagnose_text("request took 500 ms", language="zh-hans").notes
    korean = diagnose_text("request took 500 ms", language="ko").notes
    assert len({english[0], chinese[0], korean[0]}) == 3


def test_the_status_that_ended_the_call_wins_over_earlier_retried_ones():
    text = (
        'INFO:httpx:HTTP Request: POST https://api.openai.com/v1/chat/completions "HTTP/1.1 429 Too Many Requests"\n'
        "INFO:openai._base_client:Retrying request to /chat/completions in 0.8 seconds\n"
        'INFO:httpx:HTTP Request: POST https://api.openai.com/v1/chat/completions "HTTP/1.1 500 Internal Server Error"\n'
        "openai.InternalServerError: Error code: 500 - {'error': {'message': 'The server had an error', 'type': 'server_error'}}"
    )
    assert extract_text(text).status == 500
    assert extract_text("exceeded retry limit, last status: 429 Too Many Requests").status == 429


@pytest.mark.parametrize(
    "text",
    [
        # prose and code that talk about timeouts, keys and statuses without pasting a failure
        "사내 메신저 봇은 응답이 3초를 넘으면 요청 시간 초과로 끊깁니다. 그래서 API 응답은 비동기로 보내도록 바꿨습니다.",
        "我们的 API 网关默认请求超时是 30 秒。如果模型生成较慢，可以在配置里把它调大。",
        "client = httpx.Client(timeout=httpx.Timeout(timeout=600, connect=5.0))  # OpenAI SDK default",
        # another service's failure: a status beside a host that is not an LLM API
        "npm ERR! code E404\nnpm ERR! 404 Not Found - GET https://registry.npmjs.org/left-padd - Not found",
        "fatal: unable to access 'https://github.com/acme/app.git/': The requested URL returned error: 403",
        # raw sockets are not an HTTP call
        "System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.",
    ],
)
def test_prose_code_and_other_services_failures_are_not_diagnosed(diagnose_rules, text):
    assert diagnose_text(text).matches == []


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        # a relay's one-line message carries no error word and no status
        ("当前令牌并发数超过限制，请稍后再试", "429-concurrent-limit"),
        ("OpenAI 接口请求超时，请稍后重试", "timeout"),
        # a known API message cut short, with the user's question after it
        ("You exceeded your current quota怎么办", "429-quota-exceeded"),
        # an LLM API's status stays one when an issue's screenshot link sits beside it
        (
            "unexpected status 503 Service Unavailable\n![image](https://github.com/user-attachments/assets/1)",
            "503-service-unavailable",
        ),
    ],
)
def test_short_api_messages_pass_without_an_error_word(diagnose_rules, text, slug):
    assert diagnose_text(text).best.condition == slug


@pytest.mark.parametrize(
    "text",
    [
        "try:\n    reply = client.chat.completions.create(model=model, messages=messages)\n"
        "except openai.RateLimitError:\n    time.sleep(20)",
        "from openai import APIConnectionError, RateLimitError",
        "Status codes\n400 Bad Request: the body was malformed\n401 Unauthorized: the key is wrong\n"
        "429 Too Many Requests: slow down\n500 Internal Server Error: retry later",
    ],
)
def test_code_that_catches_errors_and_tables_of_statuses_are_not_diagnosed(diagnose_rules, text):
    assert diagnose_text(text).matches == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Azure.RequestFailedException: Service request failed. Status: TooManyRequests", 429),
        ("[Translator] HTTP Error - Unauthorized", 401),
        ("StatusCode: ServiceUnavailable, ReasonPhrase: 'Service Unavailable'", 503),
    ],
)
def test_a_status_written_by_its_name_is_read(text, status):
    assert extract_text(text).status == status


@pytest.mark.parametrize(
    "text",
    [
        "for attempt in range(5):\n    try:\n        return create()\n    except Exception:\n"
        '        print(f"Error: API rate limit reached, waiting {delay} seconds")',
        "@retry(retry=retry_if_exception_type(openai.RateLimitError), stop=stop_after_attempt(6))",
        "tool config set openai.timeout 2m",
        "## Handling quota errors\n- Catch the 429 and show the balance page\n- Log the request id for support",
        "This PR adds exponential backoff so runs survive a rate limit from the model provider.",
        "Client errors (say 400 Bad Request, 403 Forbidden or 429 Too Many Requests) come from the request; "
        "a 500 Internal Server Error comes from the API's side.",
        "## Summary\n- document HTTP 409 / `ConflictError` in the error table",
        "Automatically retry chat completion calls when the OpenAI API answers 429.",
        "const client = new OpenAI({ timeout: 20_000 });\nconst res = await client.chat.completions.create(req);\n"
        "if (res.status === 429) {\n  await sleep(backoffMs);\n}",
    ],
)
def test_code_and_writing_about_errors_are_not_diagnosed(diagnose_rules, text):
    assert diagnose_text(text).matches == []


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("调用API时报错：insufficient_quota", "429-quota-exceeded"),
        ("API키가 올바르지 않다는 오류: invalid_api_key", "401-incorrect-api-key"),
        ("报错类型 context_length_exceeded", "400-context-length-exceeded"),
        ("Invalid parameter: 'n' is too large. (request id: 20260101120000123456789AbCdEfGh)", "400-invalid-value"),
    ],
)
def test_api_words_and_codes_are_found_inside_chinese_and_korean_sentences(diagnose_rules, text, slug):
    assert diagnose_text(text).best.condition == slug


def test_an_error_code_in_code_is_read_only_as_the_api_writes_it(diagnose_rules):
    assert diagnose_text("RESOURCE_EXHAUSTED: grpc server_error in the worker pool").matches == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("接口一直返回状态码：401", 401),
        ("429状态码，任务太多了", 429),
        ("API 호출 시 429 에러가 납니다", 429),
        ("상태 코드 503 오류", 503),
        ("every call gets a 502 error from the relay", 502),
        ("调用接口时只要超过180秒就会报504", 504),
        ("error503，type: 'upstream_error'", 503),
        ("收到错误：`404 No endpoints found that support image input`", 404),
        ("[BUG] ('Response code error: ', 524) A timeout.", 524),
        ("bot request error: api status code not equals 200, code is 401", 401),
    ],
)
def test_a_status_named_as_one_in_chinese_korean_or_english_prose_is_read(text, status):
    assert extract_text(text).status == status


def test_a_count_of_errors_is_not_a_status():
    assert extract_text("took 429 errors to fix").status is None


@pytest.mark.parametrize(
    "text",
    [
        "Could not fetch URL https://pypi.org/simple/litellm/: There was a problem confirming the ssl certificate: "
        "HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/litellm/ "
        "(Caused by SSLError(SSLEOFError(8, 'EOF occurred in violation of protocol')))",
        "ERROR in ./src/api/client.js\nModule not found: Error: Can't resolve 'axios' in '/app/src/api'",
        "npm error ERESOLVE unable to resolve dependency tree\nnpm error Found: openai@4.52.0\n"
        "npm error Fix the upstream dependency conflict, or retry this command with --force",
        "Could not fetch URL https://pypi.org/simple/openai/: HTTPSConnectionPool(host='pypi.org', port=443): "
        "Max retries exceeded with url: /simple/openai/ (Caused by SSLError(SSLEOFError(8, 'EOF')))\n"
        "ERROR: No matching distribution found for openai>=1.40",
    ],
)
def test_other_tools_failures_that_mention_an_api_are_not_diagnosed(diagnose_rules, text):
    assert diagnose_text(text).matches == []


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.openai.com', port=443): "
            "Read timed out. (read timeout=30)",
            "timeout",
        ),
        ("Error calling LLM: litellm.BadGatewayError: BadGatewayError: OpenAIException -", "502-bad-gateway"),
        (
            '{"error": {"type": "invalid_request_error", "code": "unknown_url", '
            '"message": "Unknown request URL: POST /v1/chat. Please check the URL for typos."}}',
            "404-not-found",
        ),
        ("用了中转之后一直报429的错误，接口用不了", "429-rate-limit"),
        (
            "openai.APIError: Request rate increased too quickly. To ensure system stability, please adjust "
            "your client logic to scale requests more smoothly over time.",
            "503-slow-down",
        ),
        (
            'openai adapter status=400 body={"code":20015,"message":"number of input tokens (210000) has exceeded '
            'max_prompt_tokens (131072)"}',
            "400-context-length-exceeded",
        ),
    ],
)
def test_failures_of_calls_to_an_llm_api_are_named(diagnose_rules, text, slug):
    assert diagnose_text(text).best.condition == slug


def test_an_os_error_number_with_its_message_is_not_an_api_error_body(diagnose_rules):
    text = (
        "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: "
        'Error { repr: Os { code: 2, message: "No such file or directory" } }\', src/main.rs:12'
    )
    assert diagnose_text(text).matches == []
