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
        ("Faraday::TooManyRequestsError: the server responded with status", 429),
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
        ("为什么总是401", 401),
        ("no matter which prompt I send I keep getting a 429", 429),
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


@pytest.mark.parametrize(
    "text",
    [
        "discord.errors.HTTPException: 429 Too Many Requests (error code: 0): You are being blocked for a while.",
        "could not list pull requests: HTTP 403: API rate limit exceeded for 10.0.0.1. "
        '{"message": "API rate limit exceeded", "documentation_url": "https://docs.github.com/rest"}',
        "TelegramError: 409: Conflict: terminated by other getUpdates request; make sure that only one bot "
        "instance is running",
        "Cannot send notification to Slack Channel Error: Request failed with status code 400 invalid_blocks",
        "[ERROR] [OneBot] 反向WebSocket (ws://localhost:6199/ws) 连接错误 Error: connect ECONNREFUSED 127.0.0.1:6199",
        "Prepared models are not downloadable, error 403\n$ wget https://s3.amazonaws.com/models/nsfw.h5\n"
        "HTTP request sent, awaiting response... 403 Forbidden",
        'Error response from daemon: Head "https://registry-1.docker.io/v2/library/redis/manifests/7": '
        "429 Too Many Requests",
        "pinecone.core.client.exceptions.UnauthorizedException: (401)\nReason: Unauthorized\n"
        "HTTP response headers: {'www-authenticate': 'API key is missing or invalid for the environment'}",
        "card_replier ERROR streaming failed, error=500 Server Error: Server Error for url: "
        "https://api.dingtalk.com/v1.0/card/streaming",
        "有道词典翻译失败: Request failed: internal server error (500)",
        "Google 翻译返回 HTTPError: Response code 429 (Too Many Requests)",
        "WordPress: cURL error 28: Operation timed out after 5000 milliseconds in wp_remote_post",
    ],
)
def test_failures_of_named_services_that_are_not_llm_apis_are_not_diagnosed(diagnose_rules, text):
    assert diagnose_text(text).matches == []


def test_a_named_service_beside_an_llm_apis_answer_is_still_diagnosed(diagnose_rules):
    text = (
        "Slack bot reply failed: openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded "
        "your current quota, please check your plan and billing details.', 'code': 'insufficient_quota'}}"
    )
    assert diagnose_text(text).best.condition == "429-quota-exceeded"


@pytest.mark.parametrize(
    "text",
    [
        "ModuleNotFoundError: Module langchain_community.document_loaders not found. Please install "
        "langchain-community to access this module.",
        'File "/app/llm/openai_client.py", line 42, in ask\n    return reply["choices"][0]\nKeyError: \'choices\'',
        "pydantic_core._pydantic_core.ValidationError: 1 validation error for Config\nllm\n  Field required "
        "[type=missing, input_value={'PATH': '/usr/bin'}, input_type=dict]",
        "ModuleNotFoundError: Module langchain_community.document_loaders not found. Please install it.",
    ],
)
def test_the_programs_own_errors_are_not_api_errors(diagnose_rules, text):
    assert diagnose_text(text).matches == []


@pytest.mark.parametrize(
    "text",
    [
        "| 401 - 无效身份验证 | 原因：身份验证无效。 |\n| 429 - 请求过多 | 原因：请求速率超限。 |",
        "LangChain 호출 시 발생하는 오류:\n(1) 네트워크 오류: 타임아웃이나 연결 실패 같은 문제입니다.\n"
        "(2) API 오류: 속도 제한, 인증 문제 같은 문제입니다.",
        "当传入的模型不存在时，不应该报错 503 Service Unavailable，应该返回 404 和模型不存在的描述。",
        "There are several reasons why this error can occur: the server may be busy, or you hit the rate limit.",
        "Add retry with backoff when the API answers 429 Too Many Requests",
        "HTTP 状态码\n400 Bad Request - 参数错误\n401 Unauthorized - API 密钥无效\n429 Too Many Requests - 超出速率限制\n"
        "502 Bad Gateway - 上游错误\n504 Gateway Timeout - 上游超时",
        "**根因**：网关对命中敏感词的请求返回 403，而客户端把所有 401/403 都当成密钥错误。",
        "遇到 429 错误时机器人会继续回复。希望可以在收到 429 状态码时暂停，等冷却期过后再恢复。",
        "Root cause: the proxy answers 502 Bad Gateway when the upstream closes early, and we retry it.",
        "The login endpoint should return a 401 when the session cookie has expired, not a 500.",
        "Update docs: openai.error.TimeoutError was renamed openai.error.Timeout",
        "余额不足时应当停止发送，而不是继续报 429。",
        "[Feature] 接口返回 Rate limit reached 时自动等待并重试",
        "Proposed solution: retry the requests that fail with 'Model is overloaded' after a short pause.",
        "Improve the OpenAI errors the bot shows: say 429 when the rate limit is hit",
        "常见错误类型：401 密钥无效、429 请求过多、500 服务器错误，应对措施见下文。",
        "API를 쓰다가 '429 Too Many Requests' 오류 메시지를 보고 당황하신 적 있으신가요? 원인과 해결 방법을 정리했습니다.",
    ],
)
def test_tables_lists_and_design_talk_about_errors_are_not_diagnosed(diagnose_rules, text):
    assert diagnose_text(text).matches == []


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "### 错误 429：配额超限\n\n**错误消息**：\n```\nYou exceeded your current quota, please check your plan "
            "and billing details.\n```",
            "429-quota-exceeded",
        ),
        (
            "### 问题描述\n\nunexpected status 502 Bad Gateway: Unknown error, url: http://127.0.0.1:8080/v1/responses",
            "502-bad-gateway",
        ),
        (
            '### Problem (one or two sentences)\n\nopenai completion error: 400 "bad request"\n\n'
            "### Context (who is affected and when)\n\nEveryone using a self-hosted model",
            "400-bad-request",
        ),
        (
            "#### Error:\n```\nError: Request failed with status code 401\n```\n\n### Steps To Reproduce\n\n"
            "I pasted my OpenAI API key and asked a question",
            "401-invalid-authentication",
        ),
        (
            "### What issue are you seeing?\n\nunexpected status 503 Service Unavailable: Service Unavailable, "
            "url: https://chatgpt.com/backend-api/codex/responses",
            "503-service-unavailable",
        ),
    ],
)
def test_a_quoted_api_message_or_an_issue_templates_headings_do_not_hide_the_error(diagnose_rules, text, slug):
    assert diagnose_text(text).best.condition == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("额度充足，但是有一定比例，报错“令牌验证失败”", "401-invalid-authentication"),
        ("运行就报错，跟我说错误的API秘钥", "401-incorrect-api-key"),
        ("使用 openai 翻译，报错 翻译次数已达上限，请稍后再试", "429-rate-limit"),
        ("付费API key报错429错误", "429-rate-limit"),
        (
            "Authentication Error, Invalid proxy server token passed. Received API Key = sk-...-key",
            "401-incorrect-api-key",
        ),
        (
            "Error: 400 max_tokens is too large: 5500. This model supports at most 4096 completion tokens",
            "400-invalid-value",
        ),
        ("Something went wrong: Insufficient Balance", "429-quota-exceeded"),
        ("API error 402: payment required for this model", "429-quota-exceeded"),
        (
            "Azure OpenAI answered 403: Public access is disabled. Please configure private endpoint.",
            "401-ip-not-authorized",
        ),
        (
            "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
            "400-bad-request",
        ),
        ("Error calling API: Client.init() got an unexpected keyword argument ‘proxies’", "client-proxies-typeerror"),
        (
            "HTTP 400: <400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 258048]",
            "400-context-length-exceeded",
        ),
        ("OpenAI API request failed: SSL certificate problem: certificate has expired", "connection-error"),
        ("500 - Token limit (500,000 per day) exceeded. Used: 508,311 tokens.", "429-quota-exceeded"),
        ("调用时返回“模型未找到: siliconflow/deepseek-ai”", "404-model-not-found"),
        ("chat failed: 405 Client Error: Method Not Allowed for url: http://127.0.0.1:8000/chat", "404-not-found"),
        (
            '{"error": {"message": "You\'ve reached your concurrent request limit. Please wait for your ongoing '
            'requests to finish.", "type": "permission_error"}}',
            "429-concurrent-limit",
        ),
        (
            'API Error: {"error": {"code": "token_quota_exceeded", "detail": "Your token quota has been fully '
            'utilized.", "status": 499}}',
            "429-quota-exceeded",
        ),
        ("模型调用失败：您的token配额已经全部用完", "429-quota-exceeded"),
        ("API request failed: You don't have access to this model or the model name is invalid", "404-model-not-found"),
        (
            '{"error": {"code": "AccessDenied", "message": "The request failed because you do not have access to '
            'the requested resource.", "type": "Forbidden"}}',
            "403-permission-denied",
        ),
        ('gpt request error: Post "https://api.example.com/v1/chat/completions": EOF', "connection-error"),
        (
            'openai request error: Post "api.openai.com/v1/chat/completions": unsupported protocol scheme ""',
            "connection-error",
        ),
        ("Problem in node 'AI Agent': The resource you are requesting could not be found", "404-not-found"),
        ("生成回复失败：错误码: 400 - 参数不正确", "400-invalid-value"),
        ("接入 OpenAI 后测试服务，一直提示 “Network request failed”", "connection-error"),
        ("Why does ask-pdf keep popping up 'invaild api key' when my GPT settings check out?", "401-incorrect-api-key"),
        ("升级之后对话时还是会出现：此模型不支持图像输入，请尝试其他模型", "400-model-not-supported"),
        ("用 GPT 接口生成长回答时，请求超时，请稍后再试！几乎每次都这样", "timeout"),
        ("Gemini API error 400: User location is not supported for the API use.", "403-unsupported-region"),
        ("DeepSeek 接口报错：The API key format is incorrect. Request id: abc", "401-incorrect-api-key"),
        ("Error: Authentication Fails (auth header format should be Bearer sk-...)", "401-incorrect-api-key"),
        (
            "ChatGPT request failed: Only one message at a time. Please allow any other responses to complete.",
            "429-concurrent-limit",
        ),
        ("openai call failed: java.io.IOException: Received fatal alert: handshake_failure", "connection-error"),
        ("The bot encountered unhandled error: connect ETIMEDOUT 108.160.172.208:443 (OpenAI)", "connection-error"),
        ("对话时提示：抱歉，您的请求包含不安全内容，已被系统拦截（模型接口返回）", "content-filtered"),
        ("Error while generating with OpenAI: Billing hard limit has been reached.", "429-quota-exceeded"),
        (
            "ValidationError: 1 validation error for ChatOpenAI __root__ Client.__init__() got an unexpected keyword "
            "argument 'proxies' (type=type_error)",
            "client-proxies-typeerror",
        ),
        (
            "### Bug 描述\n\n请求 OpenAI API 失败：The model gpt-4-all does not exist or you do not have access to it.",
            "404-model-not-found",
        ),
        (
            "openai.OpenAIError: Missing credentials. Please pass an `api_key`, `workload_identity`, `admin_api_key`, "
            "or set the `OPENAI_API_KEY` or `OPENAI_ADMIN_KEY` environment variable.",
            "401-invalid-authentication",
        ),
        ("DeepSeek: BadRequestError: Error code: 400 - {'detail': 'Content Exists Risk'}", "content-filtered"),
        ("LLM call failed: Error from provider: Extra inputs are not permitted, field: 'cache_key'", "400-bad-request"),
        ("OpenAI 翻译报错：发生SSL错误，无法建立到该服务器的安全连接。", "connection-error"),
        (
            "OpenAI translation failed: An SSL error has occurred and a secure connection to the server cannot be made.",
            "connection-error",
        ),
        ("[bot] 调用 OpenAI 接口失败：api-key 额度超限，请充值", "429-quota-exceeded"),
        ("Gemini 调用报错 Missing x-goog-api-key header", "401-invalid-authentication"),
        ("用 qwen 模型时报错 invalid key", "401-incorrect-api-key"),
        (
            "Calling the OpenAI API: Response status code does not indicate success: 403 (Forbidden).",
            "403-permission-denied",
        ),
        (
            "xhr.js:220  POST https://api.openai.com/v1/chat/completions 401 (Unauthorized)",
            "401-invalid-authentication",
        ),
        (
            '{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it"}}',
            "400-context-length-exceeded",
        ),
        (
            "Error 400: The input token count (2000000) exceeds the maximum number of tokens allowed (1048576).",
            "400-context-length-exceeded",
        ),
        ("openai.error.InvalidRequestError: Engine not found", "404-model-not-found"),
        (
            "401 {'error': {'message': '[sk-abc***xyz] Token amount has been exhausted token.RemainQuota = 0', "
            "'type': 'new_api_error'}}",
            "429-quota-exceeded",
        ),
        (
            "Error code: 400 - {'error': {'message': 'registry.ollama.ai/library/llama2:latest does not support tools', "
            "'type': 'api_error'}}",
            "400-model-not-supported",
        ),
        ("✗ 连接测试失败：OpenAI 兼容接口 http://localhost:11434/v1", "connection-error"),
        ('{"error":"API请求失败","http_code":429,"response":"用户请求TPM超限,请减少tokens后重试"}', "429-rate-limit"),
        (
            "Error code: 503 - {'error': {'code': 503, 'message': 'Loading model', 'type': 'unavailable_error'}}",
            "503-service-unavailable",
        ),
        (
            "failed to call AI model service: 400 Unsupported parameter: 'max_tokens' is not supported with this "
            "model. Use 'max_completion_tokens' instead.",
            "400-bad-request",
        ),
        ("对话时显示：读取超时，无法获取对话（OpenAI API 部署在自己的服务器上）", "timeout"),
        (
            'Error: { code = "model_max_prompt_tokens_exceeded", message = "prompt token count of 219430 exceeds the '
            'limit of 128000" }',
            "400-context-length-exceeded",
        ),
        ("Error: 404 The model 'gpt-4' does notexist or you do not have access to it.", "404-model-not-found"),
        (
            'Error 502 Bad Gateway: {"error":{"message":"unknown provider for model my-model","type":"server_error"}}',
            "404-model-not-found",
        ),
        (
            "Error occurred: (Deprecated) The autogen.Completion class requires openai<1 and diskcache.",
            "api-removed-in-v1",
        ),
        (
            '千帆接入失败 {"message": "parameter check failed, max_output_tokens range is [2, 2048]"}',
            "400-invalid-value",
        ),
        ("调用 qwen 时 API Error: You exceeded your current requests list.", "429-rate-limit"),
        ("OpenAI request: Error: net::ERR_CONNECTION_TIMED_OUT at SimpleURLLoaderWrapper", "connection-error"),
        (
            "智谱 api: open.bigmodel.cn/api/paas/v4/chat/completions Failed to load resource: net::ERR_TIMED_OUT",
            "timeout",
        ),
        (
            "[BUG] Request timed out after 12000 ms\n\n### 问题详情\n\n调用本地模型\n\n### 补充说明\n\n普通对话没问题",
            "timeout",
        ),
    ],
)
def test_wordings_learnt_from_real_pastes_name_their_entry(diagnose_rules, text, slug):
    assert diagnose_text(text).best.condition == slug


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            '用通义千问的key出现下面错误\nApiException: {"statusCode":403,"message":"Forbidden"}',
            "401-incorrect-api-key",
        ),
        ("INFO [api_models.py:114] Concurrent requests are disabled for the openai model.", "429-concurrent-limit"),
        (
            'lobe-chat pull failed: Error response from daemon: Get "https://auth.docker.io/token?scope=x": EOF',
            "connection-error",
        ),
        ("Request timed out while reading the answer: ETIMEDOUT (OpenAI)", "connection-error"),
    ],
)
def test_loose_wordings_do_not_name_the_wrong_entry(diagnose_rules, text, wrong):
    best = diagnose_text(text).best
    assert best is None or best.condition != wrong


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("error: Error downloading file from OpenAI: 404 No such File object: file-abc123", 404),
        ("error: [/assistants/chat/] 400 Invalid 'messages[0].attachments[0].file_id'", 400),
        ("接口失效404: https://api.example.com/v1/models", 404),
        ("`Errorcode 500`오류가 발생해서 문의드립니다", 500),
    ],
)
def test_the_node_librarys_status_and_glued_error_words_are_read(text, status):
    assert extract_text(text).status == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Grok 3 Mini 的模型无法使用400 Invalid reasoning_effort specified: 'low'.", 400),
        ("获取模型列表时 API 接口有误，导致404.", 404),
        ("response has a status code of 404 and RequestOptions.validateStatus was configured to throw", 404),
        ("org.springframework.ai.retry.NonTransientAiException: 404\n\tat org.springframework.ai.Foo", 404),
        ("启动时报出错误：错误码: 400 - 参数不正确", 400),
        ("有时候能正常回复，有时候却出现503，是 OpenAI 接口的问题吗？", 503),
        ("部署完成后提问，会出现 Json 异常，405 Not Allowed 的错误", 405),
        ("Error: 403 status code (no body)", 403),
    ],
)
def test_statuses_after_chinese_words_dart_and_spring_ai_are_read(text, status):
    assert extract_text(text).status == status


def test_a_number_of_seconds_after_a_colon_is_not_a_status():
    assert extract_text("elapsed: 500 Seconds").status is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "ERROR chat failed: Unexpected response status: 403, model gpt-4o-mini\n"
            '127.0.0.1 - - [03/Mar/2025 10:00:01] "GET /api/chat HTTP/1.1" 500 -',
            403,
        ),
        ('INFO:     127.0.0.1:51234 - "POST /v1/chat/completions HTTP/1.1" 429 Too Many Requests', 429),
    ],
)
def test_a_web_servers_access_log_line_gives_way_to_the_apis_own_status(text, status):
    assert extract_text(text).status == status


@pytest.mark.parametrize(
    "text",
    [
        'Traceback (most recent call last):\n  File "/venv/lib/python3.11/site-packages/httpcore/_backends/sync.py",'
        " line 126, in read\n    return self._sock.recv(max_bytes)\nTimeoutError: timed out",
        'Traceback (most recent call last):\n  File "/usr/lib/python3.9/http/client.py", line 279, in _read_status\n'
        '    line = str(self.fp.readline(_MAXLINE + 1), "iso-8859-1")\nsocket.timeout: The read operation timed out',
    ],
)
def test_the_sockets_own_timeout_under_an_http_clients_frames_is_a_failed_call(diagnose_rules, text):
    assert diagnose_text(text).best.condition == "timeout"


def test_the_sockets_own_timeout_in_the_programs_own_frames_is_not_a_failed_call(diagnose_rules):
    text = (
        'Traceback (most recent call last):\n  File "/app/worker/queue.py", line 40, in wait\n'
        "    item = self.queue.get(timeout=5)\nTimeoutError: timed out"
    )
    assert diagnose_text(text).matches == []
