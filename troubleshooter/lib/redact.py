"""Secrets out of text: the one place that knows what a secret looks like and how to show it.

``mask_key(key)`` is what may be shown of a key (``sk-…abcd``). ``redact(text)`` returns the
text with every secret replaced by a fingerprint, plus where those fingerprints sit (for a
preview that marks them); ``mask_secrets(text)`` is just its text. Plain Python, no Django:
the simulator, the diagnoser, health checks and tickets all call it.

What counts as a secret: API keys of every known shape (OpenAI ``sk-``/``sk-proj-``/
``sk-svcacct-``/``sk-admin-``, OpenRouter ``sk-or-v1-``, Anthropic ``sk-ant-``, Google
``AIza``, Groq ``gsk_``, session tokens ``sess-``, Azure's bare 32-hex keys), also when a
terminal wrapped them across lines; ``Authorization`` values and bare ``Bearer`` tokens;
cookies; and the value of any field whose name says key, token, secret or password, in
JSON, Python reprs, headers, query strings or ``NAME=value``. Organization (``org-``) and
project (``proj_``) ids and request ids (``req_``) are kept: support needs them.
"""

import re
from dataclasses import dataclass

SHORTEST_SHOWN_KEY = 12  # below this, four characters would give away too much of it
SHORTEST_FINGERPRINTED_VALUE = 16  # shorter labelled values (passwords, PINs) show nothing at all

# A secret starts where no ASCII letter or digit precedes it, or right after an escape that
# glues it to a letter: a URL-encoded byte (%20, %3D) or a JSON/Python escape (\n, \t, \u0022).
_START = r"(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2})|(?<=\\[nrt])|(?<=\\u[0-9A-Fa-f]{4}))"
_KEY_PREFIX = r"sk-(?:proj-|svcacct-|admin-|or-v1-|ant-(?:api\d\d-|admin\d\d-)?)?|sess-|AIza|gsk_"
# A key's characters, then the rest of it when a line break fell inside it: a next line that
# starts with something random-looking (a digit, "_" or "-", an inner capital, or 12 characters
# in a row), not with a word like "Traceback" nor a name like "Content-Type:".
_KEY_BODY = r"[A-Za-z0-9_-]+(?:\r?\n[ \t>#]*(?-i:(?=[A-Za-z]*[0-9_-]|[A-Za-z]+[A-Z]|[A-Za-z0-9_-]{12}))[A-Za-z0-9_-]++(?![:=(]))*"
_WRAPPED_KEY = rf"(?:{_KEY_PREFIX}){_KEY_BODY}"
# Azure OpenAI keys: 32 hex digits standing alone, a line break possibly among them.
_WRAPPED_HEX = r"(?:[0-9a-f](?:\r?\n[ \t>#]*)?){31}[0-9a-f](?![A-Za-z0-9_])"
_TOKEN = r"[A-Za-z0-9._~+/=-]{8,}"
_NAMED = r"(?:key|token|secret|password|passwd|credential|sessionid|session_id)(?!s)"

SECRET = re.compile(
    # Authorization / Proxy-Authorization: keep the scheme, fingerprint the credential.
    r"(?<![\w-])(?:proxy-)?authorization[\"']?\s*[:=]\s*[\"']?(?:(?:bearer|basic|token|digest)\s+)?"
    rf"(?P<auth>{_WRAPPED_KEY}|{_WRAPPED_HEX}|{_TOKEN})"
    # Cookie / Set-Cookie: the whole value, to the end of the line or the closing quote.
    r"|(?<![\w-])(?:set-)?cookie[\"']?\s*[:=]\s*[\"']?(?P<cookie>[^\r\n\"']*=[^\r\n\"']*)"
    # NAME = value, NAME: value, "NAME": "value", 'NAME': 'value' for names that say secret.
    rf"|(?<![\w.-])(?!{_KEY_PREFIX})(?P<name>[\w.-]{{0,48}}?{_NAMED}[\w.-]{{0,24}})[\"']?\s*[:=]\s*"
    r"(?:\"(?P<dq>(?:\\.|[^\"\\]){1,1000})\"|'(?P<sq>(?:\\.|[^'\\]){1,1000})'|(?P<uq>"
    rf"{_WRAPPED_KEY}|{_WRAPPED_HEX}|[^\s\"',;&<>{{}}\[\]()]+))"
    # A bare bearer token (a header value quoted without its name).
    rf"|(?<![\w-])bearer\s+(?P<bearer>{_WRAPPED_KEY}|{_WRAPPED_HEX}|{_TOKEN})"
    # Keys by their shape, wherever they stand.
    rf"|{_START}(?P<key>(?P<prefix>{_KEY_PREFIX})(?P<body>{_KEY_BODY}))"
    # Azure's bare hex keys (a req_… id is kept: "_" glues it to its prefix).
    rf"|{_START}(?<!_)(?P<hex>{_WRAPPED_HEX})",
    re.I,
)
# Every secret SECRET finds holds one of these (a 32-hex key wrapped once keeps 16 digits in a row):
# a quick look that spares most texts, an exception's name or a short message, the full search.
_MAY_HOLD_A_SECRET = re.compile(
    r"sk-|sess|AIza|gsk_|authorization|cookie|bearer|key|token|secret|passw|credential|[0-9a-f]{16}", re.I
)
_LINE_BREAK = re.compile(r"\r?\n[ \t>#]*")
_REQUEST_ID_LABEL = re.compile(r"request[\s_-]?id\W{0,4}(?:is\s)?\s*$", re.I)
_NOT_SECRET_VALUES = {"null", "none", "true", "false", "nil", "undefined"}
_SHORTEST_KEY_BODY = 16


@dataclass(frozen=True)
class Removal:
    """One removed secret: ``start``/``end`` index the fingerprint in the redacted text."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Redacted:
    text: str
    removals: tuple


def mask_key(key):
    """`sk-…abcd`: the provider prefix and the last four characters, never more."""
    key = (key or "").strip()
    if len(key) < SHORTEST_SHOWN_KEY:
        return "…"
    prefix = "sk-" if key.startswith("sk-") else key[:3]
    return f"{prefix}…{key[-4:]}"


def mask_secrets(text):
    """The text with every secret replaced by its fingerprint."""
    if not text:
        return text
    return redact(text).text


def redact(text):
    """The text without its secrets, and where each fingerprint now stands (for the preview)."""
    text = text or ""
    if not _MAY_HOLD_A_SECRET.search(text):
        return Redacted(text=text, removals=())
    pieces, removals, position, length = [], [], 0, 0
    for match in SECRET.finditer(text):
        kind, group, shown = _replacement(match)
        if kind is None:
            if group is None:
                continue
            # A value that is not itself a secret may still hold one ("token": "null sk-…").
            inner = redact(match[group])
            kind, shown = None, inner.text
        kept = text[position : match.start(group)]
        pieces.append(kept)
        length += len(kept)
        pieces.append(shown)
        if kind:
            removals.append(Removal(start=length, end=length + len(shown), kind=kind))
        else:
            removals.extend(Removal(r.start + length, r.end + length, r.kind) for r in inner.removals)
        length += len(shown)
        position = match.end(group)
    pieces.append(text[position:])
    return Redacted(text="".join(pieces), removals=tuple(removals))


def _replacement(match):
    """(kind, group, fingerprint) for a match; kind None when it holds nothing secret."""
    if match["key"]:
        body = _LINE_BREAK.sub("", match["body"])
        if len(body) < _SHORTEST_KEY_BODY:
            return None, None, None
        return "key", "key", f"{match['prefix']}…{body[-4:]}"
    if match["hex"]:
        if _REQUEST_ID_LABEL.search(match.string, max(0, match.start("hex") - 24), match.start("hex")):
            return None, None, None  # a request id (the old API's are 32 hex too): support needs it whole
        return "key", "hex", f"…{_LINE_BREAK.sub('', match['hex'])[-4:]}"
    if match["cookie"]:
        return "cookie", "cookie", "…"
    group = next(name for name in ("auth", "bearer", "dq", "sq", "uq") if match[name] is not None)
    if match.string.startswith("…", match.end(group)):
        return None, None, None  # the start of a fingerprint left by an earlier redaction
    if group in ("auth", "bearer"):
        return "authorization", group, _fingerprint(match[group])
    value = match[group]
    if value.lower() in _NOT_SECRET_VALUES or "…" in value:
        return None, group, None  # nothing there, or already a fingerprint
    shown = "…" if "pass" in match["name"].lower() else _fingerprint(value)
    return "field", group, shown


def _fingerprint(value):
    value = _LINE_BREAK.sub("", value)
    key = SECRET.fullmatch(value)
    if key and key["key"]:
        return f"{key['prefix']}…{value[-4:]}"
    return f"…{value[-4:]}" if len(value) >= SHORTEST_FINGERPRINTED_VALUE else "…"
