"""The gate: is this text a failed API call at all? Without a sign of one, nothing is diagnosed.

`FileNotFoundError`, `took 500 ms`, `OpenAI(timeout=600)`, a blog paragraph about timeouts and
an npm registry's 404 are not API errors, however many of a rule's words they contain.
"""

import re

from errors_kb.diagnosis.extract import STATUS_REASONS

SURE_RULE = 0.5  # a rule this sure counts as an API error when the text speaks of an API...
# ...and, unless it is a curated message wording, reads like an error report: an error word, or
# one short message pasted alone (prose and code that only talk about timeouts and keys do not).
PASTED_MESSAGE = 100
# ...and a message rule this sure names an API's answer even inside a raised program error (pydantic's
# `ValidationError` wrapping the `proxies` TypeError), where a generic "not found" does not.
API_MESSAGE_IN_A_PROGRAM_ERROR = 0.9
ERROR_MARKER = re.compile(
    r"error|exception|fail|exceeded|incorrect|invalid|denied|traceback|\[ERR|\berr\b|✕|❌|错误|报错|失败|异常|出错|提示|拒绝|无效|警告|稍后再试|不支持|用不了|无法|오류|에러|실패|예외|거부|경고|지원하지 않",
    re.I,
)
SENTENCE_BREAK = re.compile(r"(?<!\d)[.!?。！？](?=\s*\S)")
# ...an error message's second sentence is advice: "Please try again later.", "크레딧을 충전해 주세요".
ADVICE = re.compile(
    r"please|try again|retry|check|contact|稍后|重试|请检查|请联系|请尝试|请更换|充值|다시 시도|확인(?:하세요|해 ?주세요)|충전|문의",
    re.I,
)
WORD = re.compile(r"\w")
STATUS_LINE = re.compile(r"^\W{0,4}([45]\d\d)\W{0,3}[A-Z][a-z]+", re.M)
STATUS_NAMED = re.compile(rf"\b([45]\d\d):? (?:{STATUS_REASONS})\b")
# A status beside only package registries' and code hosts' addresses, in a text without the
# vocabulary's API context words, is that service's failure: `npm ERR! 404 Not Found - GET https://registry.npmjs.org/…`.
HOST = re.compile(r"\bhttps?://([\w.-]+)", re.I)
POOL_HOST = re.compile(r"ConnectionPool\(host='([\w.-]+)'")  # urllib3's way of naming the host it failed on
ADDRESS = re.compile(r"\bhttps?://\S+", re.I)
DEVELOPER_HOSTS = re.compile(
    r"(?:^|\.)(?:npmjs\.(?:org|com)|yarnpkg\.com|pypi\.org|pythonhosted\.org|github\.com|gitlab\.com|bitbucket\.org"
    r"|docker\.io|ghcr\.io|quay\.io|crates\.io|golang\.org|maven\.org|gradle\.org|nuget\.org|rubygems\.org"
    r"|packagist\.org|anaconda\.org|conda\.io|huggingface\.co)$",
    re.I,
)


PROGRAM_ERRORS = frozenset(
    {
        "ModuleNotFoundError",
        "ImportError",
        "FileNotFoundError",
        "KeyError",
        "IndexError",
        "NameError",
        "ZeroDivisionError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "RecursionError",
        "MemoryError",
        "AssertionError",
        "NotImplementedError",
        "IsADirectoryError",
        "NotADirectoryError",
        "SyntaxError",
        "IndentationError",
        "ValidationError",  # pydantic checking the program's own config or data
    }
)

# Writing about errors rather than pasting one: a pull request's list of changes, a doc's headings, advice,
# code. It counts unless the text also carries what only a pasted failure does (`_pasted_evidence`).
DISCUSSION = re.compile(
    r"\b(?:retry (?:logic|mechanism|policy|strategy|wrapper)|exponential backoff|backoff|we (?:need|should)"
    r"|I recommend|this (?:PR|change)|Changes:|would be(?! (?:much |greatly )?appreciated)|instead of|we(?:'ll| will)|it'd be|I agree"
    r"|(?:automatically|add(?:s|ed|ing)?(?: a)?) retr(?:y|ies)|error handling|handle (?:the |these |those )?errors)\b"
    r"|\b(?:can|could|may|might) (?:occur|happen|be caused)\b|\bthere are (?:multiple|several|many) reasons\b"
    r"|\A\s*(?:Add(?:s|ed)?|Fix(?:es|ed)?|Support|Implement(?:s|ed)?|Refactor|Handle|Update|Rename|Bump|Remove|Return|Improve|Forward|Give|Show|Make|Allow|Enable|Avoid|Ensure|Propagate"
    r"|Surface|Expose|Map)\b(?! error)|\A\s*(?:\[(?:feature|feat|enhancement|功能|需求)\]|feat(?:\(\w+\))?:|能否)"
    r"|\bproposed solution\b|\bfeature request\b|\bdescribe the solution\b"
    r"|\bshould (?:return|respond with|throw|raise)\b|\b[45]\d\d vs\.? [45]\d\d\b"
    r"|\broot cause:|\*\*(?:根因|根本原因|原因分析)\*\*|不?应(?:该|当)(?:返回|报错?|停止)|应保持|希望可以|建议[:：][ \t]*\n|预期结果|期望结果|常见原因|原因包括|排查方法|常见(?:的)?错误(?:类型|码)|错误码(?:含义|说明|列表)|应对措施|적 있으신가요|반환해야|처리해야|일반적인 원인|주요 원인",
    re.I,
)
LIST_ITEM = re.compile(r"^[ \t]*(?:[-*•][ \t]+|\d+[.)][ \t]+|\(\d+\)[ \t]*)\S[^\n]{20,}$", re.M)
HEADING_LINE = re.compile(r"^#{1,4} \S[^\n]*", re.M)
# An issue template's section names: a report under them is still a report.
TEMPLATE_HEADING = re.compile(
    r"问题描述|错误信息|错误详情|报错信息|日志|复现|现象|环境|版本|遇到了什么问题|bug description|description of the problem"
    r"|bug ?描述|描述(?:这个|一下)?\s?bug|describe the bug|what happened|what are your problems|error (?:message|details|log)|logs?\b|steps to reproduce|user problem"
    r"|desired outcome|expect|actual|problem description|information\b|additional|current behaviou?r|problem \(|context \(|app version|reproduc|错误描述|重现|what errors|what (?:issue|problem|bug)|预期|实际|补充|问题(?:详情|说明)|steps\b|recurrence|^#+ (?:errors?:?|description)$|문제 상황|에러 메시지|오류 메시지|로그",
    re.I,
)
TABLE_ROW = re.compile(r"^[ \t]*\|[^\n]+\|[ \t]*$", re.M)  # a markdown table's row
CODE_SHAPE = re.compile(
    r"^\s*(?:(?:def|class|import|from|return|if|elif|else|for|while|try|except|finally|with|const|let|var|function"
    r"|public|private|protected|async|await|using|namespace)\b|//|\}|\)\s*;?\s*$)|[;{]\s*$|=>|^\s*[\w.\[\]'\"]+\s*=[^=]"
)
MIN_CODE_LINES = 3


def is_api_error(extracted, ruleset, sureness):
    """A sign that an HTTP API call failed, a known API wording, or a sure rule in an API's context.

    A curated message rule (a wording API errors use) is enough beside an API word; a generic
    concept or a text rule also needs the text to read like an error report.
    """
    text = extracted.rule_text
    lowered = text.lower()
    if not (_pasted_evidence(extracted) or ruleset.quotes_message(lowered)) and _writes_about_errors(text):
        return False
    if _a_client_failed_on_a_developer_service(text) or _a_table_of_statuses(extracted, text):
        return False
    if _another_services_failure(text, ruleset):
        return False
    if _a_program_error(extracted) and sureness.message_rule < API_MESSAGE_IN_A_PROGRAM_ERROR:
        return False
    if extracted.api_signs and not _another_services_status(extracted, text, ruleset):
        return True
    if ruleset.knows_message(lowered) or (ruleset.api_signs and ruleset.api_signs.matches_any(text)):
        return True
    if extracted.api_signs:
        return False
    if not (ruleset.api_context and ruleset.api_context.matches_any(text)):
        return False
    if sureness.message_rule >= SURE_RULE:
        return True
    return sureness.any_rule >= SURE_RULE and _reads_like_an_error(text)


def _writes_about_errors(text):
    """Prose or code about errors: advice, a list of changes, headings, or mostly lines of code."""
    if DISCUSSION.search(text) or _own_headings(text) or len(LIST_ITEM.findall(text)) >= 2:
        return True
    if len(TABLE_ROW.findall(text)) >= 2:
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    code = sum(1 for line in lines if CODE_SHAPE.search(line))
    return code >= MIN_CODE_LINES and code * 2 >= len(lines)


def _own_headings(text):
    """Headings of the writer's own, not an issue template's ("### 问题描述", "## What happened?")."""
    return any(not TEMPLATE_HEADING.search(line) for line in HEADING_LINE.findall(text))


def _pasted_evidence(extracted):
    """What only a pasted failure carries: an error body, the old library's log line, a raised exception.
    A status or an exception's name alone is also how people write about errors ("HTTP 409 / `ConflictError`")."""
    return extracted.raised or bool({"body", "log"} & set(extracted.api_signs))


def _reads_like_an_error(text):
    if ERROR_MARKER.search(text):
        return True
    text = text.strip()
    if len(text) > PASTED_MESSAGE:
        return False
    sentences = [part for part in SENTENCE_BREAK.split(text) if len(WORD.findall(part)) >= 2]
    return len(sentences) == 1 or (len(sentences) == 2 and ADVICE.search(sentences[1]) is not None)


def _a_table_of_statuses(extracted, text):
    """Only statuses, three or more listed with their names (line by line, or "e.g., 400 Bad Request, 401
    Unauthorized, 404 Not Found"): documentation, not a failure."""
    named = set(STATUS_LINE.findall(text)) | set(STATUS_NAMED.findall(text))
    return set(extracted.api_signs) <= {"status"} and len(named) >= 3


def _another_services_status(extracted, text, ruleset):
    """Only a status, beside developer services' addresses alone, in a text that never speaks of an LLM API."""
    if extracted.api_signs != ["status"]:
        return False
    return _developer_services_only(HOST.findall(text)) and not _speaks_of_an_api(text, ruleset)


def _a_program_error(extracted):
    """The program's own failure, raised by the language itself (`ModuleNotFoundError`, `KeyError`), with no
    status or body of an HTTP answer beside it."""
    name = (extracted.exception or "").rsplit(".", 1)[-1]
    return extracted.raised and name in PROGRAM_ERRORS and not {"status", "body", "log"} & set(extracted.api_signs)


def _another_services_failure(text, ruleset):
    """A text naming a service that is not an LLM API (a chat platform, a code host's API, a container registry)
    and no word of an LLM's world (a provider, a model, an LLM app, an LLM API's error code): that service's failure.
    A generic sign such as `ECONNREFUSED` says nothing about whose call failed."""
    if not (ruleset.other_services and ruleset.other_services.matches_any(text)):
        return False
    return not (ruleset.llm_context and ruleset.llm_context.matches_any(text))


def _a_client_failed_on_a_developer_service(text):
    """urllib3 names the host it failed on: `HTTPSConnectionPool(host='pypi.org', …)` is pip's trouble, even
    when the package it was fetching is litellm."""
    return _developer_services_only(POOL_HOST.findall(text))


def _developer_services_only(hosts):
    return bool(hosts) and all(DEVELOPER_HOSTS.search(host) for host in hosts)


def _speaks_of_an_api(text, ruleset):
    """An LLM API's words outside addresses (a package's URL naming `litellm` is not one)."""
    return bool(ruleset.api_context and ruleset.api_context.matches_any(ADDRESS.sub(" ", text)))
