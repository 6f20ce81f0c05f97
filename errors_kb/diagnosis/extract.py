"""Structured extraction: what a pasted error text carries, whatever its form.

Pure code, no database: status, the error body's fields, exception names, SDK era,
request id, rate-limit figures and the masked key. Which condition these point to
is decided by the match rules (data), never here.

Every regex here is bounded (no nested unbounded quantifiers) and every scan runs
on a bounded text, so the work per text has a ceiling.
"""

import re
from dataclasses import dataclass, field

from errors_kb.diagnosis.error_bodies import BODY_START, read_bodies
from errors_kb.diagnosis.rate_figures import rate_limit_figures
from troubleshooter.lib.redact import mask_secrets

MAX_SCAN = 64 * 1024  # characters looked at, whatever was pasted
MAX_RULE_TEXT = 16 * 1024  # characters the "text" rules look at, after frames are dropped
SURROGATE = re.compile("[\ud800-\udfff]")

# Traceback frames (`File "…", line N, in f` + its code line + carets) and JS stack lines
# are noise for matching: code lines mention exception names that were never raised.
FRAME = re.compile(
    r'^[ \t]*File "[^"\n]{0,500}", line \d+[^\n]{0,300}\n(?:[ \t]+(?!During handling|The above)[^\n]{0,400}\n)?'
    r"(?:[ \t]*[\^~][\^~ \t]{0,400}\n)?"
    r"|^[ \t]+at [^\n]{1,300}\([^\n]{0,300}\)[ \t]*$",
    re.M,
)


V0_LOG = re.compile(
    r"error_code=(?P<code>\S{1,100}) error_message=(?P<q>['\"])(?P<message>.{0,3000}?)(?P=q) "
    r"error_param=(?P<param>\S{1,100}) error_type=(?P<type>\S{1,100})"
)

# HTTP's reason phrases, as a status line writes them after the number.
STATUS_REASONS = (
    r"Unauthorized|Forbidden|Not Found|Too Many Requests|Bad Request|Internal Server Error|Bad Gateway"
    r"|Service (?:Temporarily )?Unavailable|Gateway Time-?out|Conflict|Unprocessable Entity|Payment Required"
    r"|Request Timeout|(?:Method )?Not Allowed"
)
STATUS_STRONG = re.compile(
    r"Error code:\s{0,3}(?P<a>\d{3})"
    r"|response_code=(?P<b>\d{3})"
    r"|HTTP/\d(?:\.\d)?\"?\s(?P<c>\d{3})"
    r"|status[ _]?(?:code)?(?: of)?['\"]?\s{0,3}[:=]?\s{0,3}['\"]?(?P<d>\d{3})\b"
    r"|\bHTTP[ :]{1,3}(?P<e>\d{3})\b"
    r"|\b(?P<f>\d{3}) (?:Client|Server) Error"
    r"|ClientResponseError: (?P<g>\d{3})"
    r"|(?<!Tunnel connection failed: )\b(?P<h>\d{3}):? (?:" + STATUS_REASONS + "|A timeout occurred"
    r"|Web server is returning|Connection timed out)"
    r"|<title>[^<\n]{0,80}?\b(?P<i>\d{3})\b"
    r"|\b(?P<j>[45]\d\d) status code\b"  # the Node library: `403 status code (no body)`
    r"|does not indicate success: (?P<k>\d{3})\b|\bhttp_code\W{1,4}(?P<m>\d{3})\b"  # .NET's HttpClient: `EnsureSuccessStatusCode()`
    r"|^[^\n]{0,40}?\b(?:GET|POST|PUT|PATCH|DELETE) https?://\S+ (?P<l>\d{3})\b(?! \d)",  # a browser's console
    re.I | re.M,
)
STATUS_WEAK = re.compile(
    r"(?:(?:error|err)(?:\b|(?=\d)|(?=code))|错误|报错?|오류|에러|失败|失效|실패)[\s:：,(（\[#=`-]{0,4}"
    r"(?:(?:status(?:[ _]code)?|code|http|状态码|状态|代码|码|상태\s?코드|코드)[\s:：=]{0,3})?(?<![\d-])(?P<a>[45]\d\d)(?![\d.]|,\d)"
    r"|(?<!\w)\((?P<b>[45]\d\d)\)"
    r"|(?:提示|返回|显示|导致|出现|一直|总是|老是|response|request|响应|응답|\b(?:see|seeing|get|getting|got|receiv(?:e|ed|ing)|hitting|returns|returned)(?: an?| the)?)[\s:：]{0,3}(?P<d>[45]\d\d)(?!\d|[.,]\d|%)(?!\s*(?:ms|s|秒|条|个|次|行|字|초|개|ms))"
    r"|^[ \t>*\[\-]{0,4}(?P<c>[45]\d\d)\s{1,3}(?=[^\s\d])(?!(?:ms|s|sec|seconds?|minutes?|items?|tokens?|[kmg]i?b)\b)"
    # "状态码 429", "상태 코드 503", and a number named an error after it: "429 에러", "429状态码", "a 502 error"
    r"|(?:状态码|상태\s?코드)[\s:：=]{0,3}(?P<e>[45]\d\d)(?!\d)"
    r"|\b(?:response code\b[^\d\n]{0,12}|code is )(?P<g>[45]\d\d)(?!\d)"
    r"|(?<![\d.,:/#=*-])(?P<f>[45]\d\d)[ \t]?的?(?:状态码|错误|报错|에러|오류|error\b)"
    r"|(?<=Exception: )(?P<i>[45]\d\d)[ \t]*$"  # Spring AI: `NonTransientAiException: 404` and nothing after
    # the Node library's way: the status, then the API's message ("Error: 404 No such File object: file-…")
    r"|(?:(?<=: )|(?<=\] )|(?<=[\u4e00-\u9fff]))(?P<h>[45]\d\d) (?=(?-i:[A-Z][a-z]{1,20})\b)"
    r"(?!(?:seconds?|minutes?|hours?|days?|items?|tokens?|requests?|bytes?|errors?|files?|lines?|words?|rows?)\b)",
    re.I | re.M,
)
STATUS_BY_NAME = {
    "badrequest": 400,
    "unauthorized": 401,
    "paymentrequired": 402,
    "forbidden": 403,
    "notfound": 404,
    "requesttimeout": 408,
    "conflict": 409,
    "unprocessableentity": 422,
    "toomanyrequests": 429,
    "internalservererror": 500,
    "badgateway": 502,
    "serviceunavailable": 503,
    "gatewaytimeout": 504,
}
STATUS_NAME = re.compile(
    r"\b(?:HTTP(?:[ _]?Error)?|Status(?:[ _]?Code)?|Reason)\b[\s:=(\-]{1,4}(?P<name>"
    + "|".join(STATUS_BY_NAME)
    + r")\b"
    r"|(?<![A-Za-z])(?P<raised>TooManyRequests)(?:Error|Exception)\b",  # Ruby's Faraday, Octokit: always a 429
    re.I,
)
# `127.0.0.1 - - [14/Dec/2024 18:41:40] "GET /api/prompts HTTP/1.1" 500 -`: a web server logging its own answer.
ACCESS_LOG_REQUEST = re.compile(r'"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP/\d(?:\.\d)?"')
ACCESS_LOG_REACH = 300  # how far before its status an access line's request is looked for
STATUS_DIGITS = re.compile(r"(?<!\d)[45]\d\d(?!\d)")
STATUS_BARE = re.compile(
    r"(?<![\d.,:/#=*-])(?<!limit )(?<!limit: )(?<!used )(?<!used: )(?<!requested )(?<!requested: )(?<!current )(?<!current: )"
    r"(?P<a>40[0-9]|41[35]|42[29]|50[0-4]|52[0-6])(?![\d.,%])",
    re.I,
)

EXCEPTION = re.compile(
    r"(?<![\w.])((?:[A-Za-z_][\w]{0,60}\.){0,6}(?:[A-Z]\w{0,80}?(?:Error|Exception|Timeout|InV1(?:Proxy)?|Exceeded)|gaierror|timeout))"
    r"(?![\w])(?P<tail>[ \t]{0,3}[:：(]?)"
)
# A statement that prints or raises in pasted code says what the program would show, not what happened:
# `print(f"Error: API Rate Limit Reached. Waiting {sleep_time} seconds...")` is no rate limit.
CODE_STATEMENT = re.compile(
    r"^[ \t]*(?:print|console\.\w{3,5}|(?:logger|logging|log)\.\w{4,9}|raise [\w.]{1,80}|throw new \w{1,80})\(.*$\n?",
    re.M,
)
# A line of code that names an exception without anything having been raised.
CODE_LINE_START = r"^[ \t]*(?:except\b|\}?[ \t]*catch[ \t]*\(|from[ \t]+\S+[ \t]+import\b|import\b)"
CODE_LINE = re.compile(CODE_LINE_START + r".*$", re.M)
CODE_MENTION = re.compile(CODE_LINE_START + r"|isinstance\(", re.M)
KEYWORD_ARGUMENT = re.compile(r"\s*[A-Za-z_]\w*\s*=(?!=)")
CALL_ARGUMENT = re.compile(r"\w\(")
OPENAI_CLASSES = frozenset(
    {
        "APIError",
        "APIConnectionError",
        "APITimeoutError",
        "APIStatusError",
        "APIResponseValidationError",
        "AuthenticationError",
        "BadRequestError",
        "ConflictError",
        "InternalServerError",
        "NotFoundError",
        "PermissionDeniedError",
        "RateLimitError",
        "UnprocessableEntityError",
        "InvalidRequestError",
        "ServiceUnavailableError",
        "Timeout",
        "TryAgain",
        "PermissionError",
        "APIRemovedInV1",
        "OpenAIError",
        "ContentFilterFinishReasonError",
        "LengthFinishReasonError",
    }
)
# Exceptions that only an HTTP call raises: from an HTTP client, the openai library or a gateway SDK.
HTTP_EXCEPTION_MODULE = re.compile(
    r"^(?:openai|httpx|httpcore|requests|urllib3|aiohttp|litellm|langchain_openai|azure\.core|openrouter"
    r"|System\.Net\.Http|System\.ClientModel|Azure|java\.net|javax\.net|okhttp3|retrofit2|com\.azure|OpenAI)\."
)
# The language's own network errors, raised inside an HTTP client's code (a traceback frame in its files).
HTTP_CLIENT_FRAME = re.compile(
    r'^[ \t]*File "[^"\n]{0,300}[\\/](?:httpx|httpcore|openai|urllib3|requests|aiohttp)[\\/][^"\n]{0,200}"'
    r'|^[ \t]*File "[^"\n]{0,300}[\\/]http[\\/]client\.py"',
    re.M,
)
NETWORK_ERRORS = frozenset(
    {"TimeoutError", "timeout", "ConnectionRefusedError", "ConnectionResetError", "ConnectionAbortedError", "SSLError"}
)
HTTP_EXCEPTION_NAMES = (OPENAI_CLASSES - {"PermissionError", "Timeout", "TryAgain"}) | {
    "ConnectError",
    "ConnectTimeout",
    "ReadTimeout",
    "ReadError",
    "WriteTimeout",
    "PoolTimeout",
    "RemoteProtocolError",
    "ProxyError",
    "MaxRetryError",
    "NewConnectionError",
    "ClientConnectorError",
    "ClientConnectionError",
    "ServerDisconnectedError",
    "ClientResponseError",
    "HTTPStatusError",
    "HTTPError",
    "HttpRequestException",
    "WebException",
    "ClientResultException",
    "RequestFailedException",
    "SocketTimeoutException",
    "InterruptedIOException",  # OkHttp's call timeout, under Java LLM clients
    "AxiosError",
    "HeadersTimeoutError",  # undici, under Node's fetch
    "BodyTimeoutError",
    "ConnectTimeoutError",
    "HttpTimeoutException",
    "APIConnectionTimeoutError",
    "ContextWindowExceededError",
    "ContentPolicyViolationError",
    "ServiceUnavailableError",
    "BudgetExceededError",
    "OpenAIException",
    "SSLError",  # TLS to the API failed (a proxy speaking plain HTTP: WRONG_VERSION_NUMBER)
    "SSLEOFError",
    "SSLCertVerificationError",
}
V0_ONLY_CLASSES = frozenset({"InvalidRequestError", "ServiceUnavailableError", "TryAgain"})

SDK_V0 = re.compile(
    r"openai\.error\.|error_code=\S{1,80} error_message=|Error communicating with OpenAI"
    r"|api_requestor\.py|openai\.api_resources|message='OpenAI API (?:error received|response)'"
)
SDK_V1 = re.compile(
    r"openai\.(?:AuthenticationError|BadRequestError|ConflictError|InternalServerError|NotFoundError"
    r"|PermissionDeniedError|RateLimitError|UnprocessableEntityError|APIConnectionError|APITimeoutError"
    r"|APIStatusError|APIError)\b|\bError code: \d{3}|_base_client\.py|openai\._exceptions|APIRemovedInV1"
    r"|openai>=1\.0\.0|Retrying request to /"
)
DOTNET_STATUS = re.compile(r"\bHTTP [45]\d\d \((?P<type>[\w.-]{0,60}): ?(?P<code>[\w.-]{0,60})\)")
# A raised exception whose own line only restates the status (.NET `HTTP 404 (: DeploymentNotFound)`,
# Azure SDK `Service request failed.`): its message is the paragraph that follows.
STATUS_ONLY_LINE = re.compile(r"^(?:HTTP\s)?[45]\d\d(?:\s\([^)\n]{0,80}\))?\s*$|^Service request failed\.?$", re.I)
CODED_MESSAGE = re.compile(r"Error code: \d{3}[ \t]{0,3}-[ \t]{0,3}([^{\s][^\n]{1,1000})")
ERROR_CODE_PREFIX = re.compile(r"^\s*Error code: \d{3}\s{0,3}-?\s{0,3}")
# What is left of a re-raiser's message once the body it quotes is cut off:
# `OpenAIException - Error code: 403 -`, `RateLimitError: OpenAIException -`.
WRAPPER_TAIL = re.compile(r"(?:(?:Error code|status(?: code)?)[:\s]{0,3}\d{3})?[\s\-–:]{0,10}$", re.I)
WRAPPER_ONLY = re.compile(r"^(?:[\w.]{0,80}(?:Error|Exception)\b[\s\-–:]{0,5}){0,6}$")

REQUEST_ID = re.compile(
    r"request[ _-]?id\b['\"]?\s{0,3}[:=]?\s{0,3}['\"]?(?P<a>[A-Za-z0-9][A-Za-z0-9_-]{7,80})"
    r"|\b(?P<b>req_[A-Za-z0-9]{12,64})\b",
    re.I,
)

MASKED_KEY = re.compile(
    r"(?:Incorrect API key provided|api[ _-]?key(?: provided)?|invalid api key)\s{0,3}[:=：]\s{0,3}"
    r"(?P<key>\S{1,200}?)(?=\.?(?:\s|$)|\s+is\b)",
    re.I,
)


@dataclass
class Extracted:
    """What one pasted text carries. `as_dict()` is the API's `extracted` object."""

    status: int | None = None
    type: str | None = None
    code: str | None = None
    param: str | None = None
    message: str | None = None
    exception: str | None = None
    sdk: str | None = None
    request_id: str | None = None
    rate_limit: dict | None = None
    masked_key: str | None = None
    exceptions: list = field(default_factory=list)  # every exception name seen, in order
    messages: list = field(default_factory=list)  # every error message seen, best first
    rule_text: str = ""  # the text the "text" rules look at (frames dropped, bounded)
    api_signs: list = field(default_factory=list)  # what shows an HTTP API call failed (status, body, …)
    raised: bool = False  # an exception was written as raised (`Name: message`), not only named

    def as_dict(self):
        return {
            "status": self.status,
            "type": self.type,
            "code": self.code,
            "param": self.param,
            "message": self.message,
            "exception": self.exception,
            "sdk": self.sdk,
            "request_id": self.request_id,
        }

    def field_values(self):
        """The strings each rule field is matched against."""
        exception_lines = []
        for name in self.exceptions:
            exception_lines.append(name)
            if "." in name:
                exception_lines.append(name.rsplit(".", 1)[1])
        return {
            "message": "\n".join(self.messages) if self.messages else self.rule_text[:4000],
            "code": self.code or "",
            "type": self.type or "",
            "status": str(self.status) if self.status else "",
            "exception": "\n".join(exception_lines),
            "text": self.rule_text,
        }


def extract_text(text):
    """Read everything structured out of `text` (any paste: traceback, log, body, message)."""
    text = text[:MAX_SCAN].replace("\r\n", "\n").replace("\r", "\n")
    reduced = FRAME.sub("", text)
    rule_text = CODE_STATEMENT.sub("", reduced)
    result = Extracted(rule_text=rule_text if len(rule_text) <= MAX_RULE_TEXT else _head_tail(rule_text))

    body = read_bodies(reduced)
    dotnet = DOTNET_STATUS.search(reduced) if not body.get("code") else None
    if dotnet:  # OpenAI .NET / System.ClientModel: `HTTP 429 (insufficient_quota: insufficient_quota)`
        for key in ("type", "code"):
            if dotnet[key] and not body.get(key):
                body[key] = dotnet[key]
    log = V0_LOG.search(reduced)
    names = _exceptions(reduced)
    result.exceptions = list(dict.fromkeys(name for name, _, _ in names))
    chosen = _chosen_exception(names)
    result.raised = any(raised for _, _, raised in names)
    result.exception = chosen[0] if chosen else None

    messages = []
    if body.get("message"):
        messages.append(body["message"])
    if log:
        messages.append(log["message"])
        for key in ("code", "type", "param"):
            if not body.get(key) and log[key] not in ("None", "null", ""):
                body[key] = log[key]
    messages.extend(_exception_messages(reduced, names, chosen, body_read=bool(body.get("message"))))
    result.messages = [m for m in dict.fromkeys(m.strip() for m in messages) if m]
    result.message = result.messages[0] if result.messages else None

    result.type = body.get("type")
    result.code = body.get("code")
    result.param = body.get("param")
    result.sdk = _sdk(CODE_LINE.sub("", reduced), names, chosen)
    status = _status(result.rule_text, (STATUS_STRONG, STATUS_WEAK)) or _status_by_name(result.rule_text)
    result.api_signs = _api_signs(status, body, log, dotnet, result, HTTP_CLIENT_FRAME.search(text) is not None)
    if status is None and result.api_signs:
        status = _status(result.rule_text, (STATUS_BARE,))  # a number alone is a status only beside other signs
    result.status = status or body.get("status")
    result.request_id = _request_id(reduced)
    result.rate_limit = rate_limit_figures(result.rule_text)
    key = MASKED_KEY.search(reduced)
    result.masked_key = key["key"] if key else None
    return _shown_safely(result)


def _shown_safely(result):
    """Every field a person or a client may read: secrets masked, lone surrogates replaced.

    A key pasted where a request id, code or type is read is still a key; a body's escaped
    `\\ud800` decodes to a character no page or JSON answer can encode.
    """
    for name in ("type", "code", "param", "message", "exception"):
        setattr(result, name, _safe(getattr(result, name)))
    if result.request_id:
        # Masked as what it is: the old API's 32-hex request ids stay whole, a key pasted there does not.
        result.request_id = _safe(REQUEST_ID_LABEL + result.request_id)[len(REQUEST_ID_LABEL) :]
    result.messages = [_safe(m) for m in result.messages]
    result.exceptions = [_safe(e) for e in result.exceptions]
    if result.rate_limit:
        result.rate_limit = {k: _safe(v) if isinstance(v, str) else v for k, v in result.rate_limit.items()}
    return result


REQUEST_ID_LABEL = "request_id: "


def _safe(value):
    if not value:
        return value
    return mask_secrets(SURROGATE.sub("\ufffd", value))


def _head_tail(text):
    half = MAX_RULE_TEXT // 2
    return text[:half] + "\n" + text[-half:]


# --- error bodies -----------------------------------------------------------------


# --- exceptions and messages --------------------------------------------------------


def _exceptions(text):
    """(name, position, raised) for every exception name; `raised` when written `Name: …`."""
    found = []
    for match in EXCEPTION.finditer(text):
        name = match.group(1)
        raised = match["tail"].strip() in (":", "：")
        if name.endswith("timeout") and ("." not in name or not raised):
            continue  # `socket.timeout: timed out` was raised; `openai.timeout 1m` is a setting
        if match["tail"].endswith("(") and KEYWORD_ARGUMENT.match(text, match.end()):
            continue  # `httpx.Timeout(timeout=600)` builds a value in code; nothing was raised
        if CALL_ARGUMENT.match(text, max(match.start() - 2, 0)):
            continue  # `retry_if_exception_type(RateLimitError)` passes a class around in code
        if CODE_MENTION.search(text, text.rfind("\n", 0, match.start()) + 1, match.start()):
            continue  # `except openai.RateLimitError:`, `catch (HttpRequestException e)`, an import: code
        found.append((name, match.start(), raised))
    return found


def bare_name(name):
    """`openai.error.RateLimitError` → `RateLimitError`."""
    return str(name).strip().rsplit(".", 1)[-1]


def _chosen_exception(names):
    raised = [n for n in names if n[2]]
    pool = raised or names
    if not pool:
        return None
    from_openai = [n for n in pool if n[0].startswith("openai.") or bare_name(n[0]) in OPENAI_CLASSES]
    if from_openai:
        return from_openai[-1]
    return pool[-1] if raised else pool[0]


def _exception_messages(text, names, chosen, body_read=False):
    """The message after `Name:` for raised exceptions, the chosen one first.

    When the error body was read, a message that only restates it (`Wrapper - Error code: 403 -
    {…}`) is cut where the body starts: the body's values (`'code': 'model_not_found'`) are
    fields, not words of a message.
    """
    ordered = [chosen] if chosen else []
    ordered += [n for n in names if n[2] and n is not chosen]
    messages = []
    for name, position, raised in ordered[:6]:
        if not raised:
            continue
        colon = position + len(name)
        line_end = text.find("\n", colon)
        rest = text[colon : line_end if line_end != -1 else None].lstrip(" \t:：")
        if not rest or STATUS_ONLY_LINE.match(rest):
            # APIRemovedInV1, .NET `HTTP 404 (…)` and friends: the message is the next paragraph
            following = text[line_end + 1 : line_end + 1200].strip() if line_end != -1 else ""
            following = following.split("\n\n", 1)[0]
            rest = following if not rest or following[:1].isalpha() else rest
        rest = ERROR_CODE_PREFIX.sub("", rest).strip()
        if body_read:
            rest = _before_body(rest)
        if rest and not rest.startswith("{") and not rest.startswith(("Traceback", "File ")):
            messages.append(rest[:1000])
    if not messages:
        coded = CODED_MESSAGE.search(text)
        if coded:
            messages.append(coded.group(1))
    return messages


def _before_body(rest):
    start = BODY_START.search(rest)
    if not start or start.start() == 0:
        return rest
    head = WRAPPER_TAIL.sub("", rest[: start.start()])
    return "" if len(head) <= 300 and WRAPPER_ONLY.match(head) else head


# --- the rest -----------------------------------------------------------------------


def _status(text, patterns):
    """The status that ended the call: the last one the first pattern that has any finds (retries come first).
    A web server's access-log line is the program's own answer to its caller: the API's status, when the
    text has one too, is the one that tells what failed."""
    if not STATUS_DIGITS.search(text):
        return None
    for pattern in patterns:
        found = found_upstream = None
        for match in pattern.finditer(text):
            digits = next(g for g in match.groups() if g is not None)
            if digits.isdecimal() and 400 <= int(digits) <= 599:
                found = int(digits)
                if not _in_an_access_log_line(text, match.start(), match.end()):
                    found_upstream = found
        if found is not None:
            return found_upstream or found
    return None


def _in_an_access_log_line(text, start, end):
    line_start = max(text.rfind("\n", 0, start) + 1, start - ACCESS_LOG_REACH)
    return ACCESS_LOG_REQUEST.search(text, line_start, end) is not None


def _status_by_name(text):
    """A status written by its name, as .NET and Java clients do (`HTTP Error - NotFound`, `StatusCode: TooManyRequests`),
    or raised under it (`Faraday::TooManyRequestsError`)."""
    found = None
    for match in STATUS_NAME.finditer(text):
        found = STATUS_BY_NAME[(match["name"] or match["raised"]).lower()]
    return found


def _api_signs(status, body, log, dotnet, result, client_frames):
    """Which signs of a failed HTTP API call the text carries; none: it is not an API error."""
    signs = []
    if status is not None:
        signs.append("status")
    read = [key for key in ("message", "type", "code") if body.get(key) and not _an_os_error_number(key, body[key])]
    if read and body.get("from_object") or len(read) >= 2:
        signs.append("body")
    if log or dotnet:
        signs.append("log")
    if result.sdk and result.exceptions:  # the library named where something was raised, not passed around in code
        signs.append("sdk")
    if any(HTTP_EXCEPTION_MODULE.match(name) or bare_name(name) in HTTP_EXCEPTION_NAMES for name in result.exceptions):
        signs.append("exception")
    elif client_frames and result.raised and any(bare_name(name) in NETWORK_ERRORS for name in result.exceptions):
        signs.append("exception")  # the socket gave up under an HTTP client's frames: `TimeoutError` in httpcore
    return signs


def _an_os_error_number(key, value):
    """`Os { code: 2, message: "No such file or directory" }` is errno 2, not an API's error body."""
    return key == "code" and str(value).isdecimal() and int(value) < 100


def _sdk(text, names, chosen):
    if SDK_V0.search(text):
        return "v0"
    if SDK_V1.search(text):
        return "v1"
    if chosen and chosen[2]:
        bare = bare_name(chosen[0])
        if bare in V0_ONLY_CLASSES:
            return "v0"
    return None


def _request_id(text):
    match = REQUEST_ID.search(text)
    if not match:
        return None
    return match["a"] or match["b"]
