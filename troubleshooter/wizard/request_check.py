"""The request checker: a pasted request body in, what is wrong with it and its exact token count out.

Token counts come from bpe-openai, which ships OpenAI's BPE files inside the package (no
download at run time). Chat messages are counted as the API counts them: 3 tokens per
message, 1 more for a ``name``, and 3 that prime the reply; only text parts are counted.
The model table is data (``data/models.json``).
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

MODELS_PATH = Path(__file__).resolve().parent / "data" / "models.json"
ENDPOINTS = {
    "chat": ("model", "messages"),
    "responses": ("model", "input"),
    "embeddings": ("model", "input"),
}
CHAT_ROLES = ("system", "developer", "user", "assistant", "tool", "function")
RANGES = {  # parameter -> (lowest, highest)
    "temperature": (0, 2),
    "top_p": (0, 1),
    "presence_penalty": (-2, 2),
    "frequency_penalty": (-2, 2),
    "n": (1, 128),
}
TOKENS_PER_MESSAGE, TOKENS_PER_NAME, TOKENS_REPLY_PRIMING = 3, 1, 3


@dataclass
class CheckResult:
    json_error: dict | None = None  # {"line", "column", "message"}
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    model: str = ""
    tokens: int | None = None
    context_window: int | None = None

    @property
    def over_window(self):
        return self.tokens is not None and self.context_window is not None and self.tokens > self.context_window


@cache
def model_table():
    return json.loads(MODELS_PATH.read_text(encoding="utf-8"))["models"]


def model_info(model):
    """The table row of the longest name ``model`` starts with, or None."""
    names = [name for name in model_table() if model == name or model.startswith(name + "-")]
    return model_table()[max(names, key=len)] if names else None


@cache
def _encoding(name):
    import bpe_openai

    return bpe_openai.get_encoding(name)


def count_text_tokens(text, *, encoding):
    return len(_encoding(encoding).encode(text, allowed_special=set()))


def _content_text(content):
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def count_message_tokens(messages, *, encoding):
    total = TOKENS_REPLY_PRIMING
    for message in messages:
        if not isinstance(message, dict):
            continue
        total += TOKENS_PER_MESSAGE
        total += count_text_tokens(str(message.get("role", "")), encoding=encoding)
        total += count_text_tokens(_content_text(message.get("content")), encoding=encoding)
        if message.get("name"):
            total += TOKENS_PER_NAME + count_text_tokens(str(message["name"]), encoding=encoding)
    return total


def _tokens(body, *, endpoint, encoding):
    if endpoint == "chat":
        return count_message_tokens(body.get("messages") or [], encoding=encoding)
    value = body.get("input")
    if isinstance(value, str):
        return count_text_tokens(value, encoding=encoding)
    if isinstance(value, list) and endpoint == "responses":
        return count_message_tokens(value, encoding=encoding)
    if isinstance(value, list):  # embeddings: the limit is per input, so the longest one counts
        return max((count_text_tokens(str(item), encoding=encoding) for item in value), default=0)
    return None


def _check_roles(messages, problems):
    if not isinstance(messages, list) or not messages:
        problems.append(_("“messages” must be a non-empty list of messages."))
        return
    for index, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        if role not in CHAT_ROLES:
            problems.append(
                _("messages[%(index)s]: role “%(role)s” is not one of %(roles)s.")
                % {"index": index, "role": role, "roles": ", ".join(CHAT_ROLES)}
            )


def _check_ranges(body, problems):
    for name, (lowest, highest) in RANGES.items():
        value = body.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not lowest <= value <= highest:
            problems.append(
                _("“%(name)s” is %(value)s; it must be a number from %(lowest)s to %(highest)s.")
                % {"name": name, "value": json.dumps(value), "lowest": lowest, "highest": highest}
            )


def request_check(*, text, endpoint):
    """Check one request body for ``endpoint`` ("chat", "responses" or "embeddings")."""
    result = CheckResult()
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        result.json_error = {"line": exc.lineno, "column": exc.colno, "message": exc.msg}
        return result
    if not isinstance(body, dict):
        result.problems.append(_("The body must be a JSON object."))
        return result
    for name in ENDPOINTS[endpoint]:
        if name not in body:
            result.problems.append(_("The required field “%(name)s” is missing.") % {"name": name})
    if endpoint == "chat" and "messages" in body:
        _check_roles(body["messages"], result.problems)
    _check_ranges(body, result.problems)
    result.model = body.get("model") if isinstance(body.get("model"), str) else ""
    info = model_info(result.model) if result.model else None
    if result.model and info is None:
        result.notes.append(_("The model “%(model)s” is not in the table: no token count.") % {"model": result.model})
    if info and info["reasoning"] and "max_tokens" in body:
        result.problems.append(
            _("%(model)s is a reasoning model: use “max_completion_tokens” instead of “max_tokens”.")
            % {"model": result.model}
        )
    if info:
        result.tokens = _tokens(body, endpoint=endpoint, encoding=info["encoding"])
        result.context_window = info["context_window"]
    return result
