"""Error bodies inside a pasted text: JSON objects and Python reprs, read by a linear scan.

Every scan is bounded (BALANCED_SCAN characters, MAX_BODIES bodies), so an awkward paste
costs no more than an ordinary one.
"""

import ast
import json
import re

MAX_BODIES = 4
UNWRAP = re.compile(r"\n[ \t]*")
BODY_START = re.compile(r"""\{\s{0,20}['"‘’“”]?(?:error|message|code|detail|type|status)\b""", re.I)

# What the brace scan looks for, by the quotes that can still open a string on the current line.
SCAN_TOKENS = {
    frozenset("\"'"): re.compile(r"""[{}"']"""),
    frozenset('"'): re.compile(r'[{}"]'),
    frozenset("'"): re.compile(r"[{}']"),
    frozenset(): re.compile(r"[{}]"),
}

# The rest of a quoted string after its opening quote; possessive, so a string that never closes
# costs one pass to the line's end, not a backtracking search.
STRING_REST = {
    '"': re.compile(r'(?:[^"\\\n]++|\\.)*+"'),
    "'": re.compile(r"""(?:[^'\\\n]++|\\.)*+'"""),
}

BALANCED_SCAN = 20000

QUOTE = "'\"‘’“”"

FIELD = re.compile(
    r"""(?<![\w])(?<!error )(?<!status )(?<!error_)['"‘’“”]?(message|type|code|param)['"‘’“”]?\s{0,5}:\s{0,5}"""
    r"""(?:"((?:[^"\\\n]|\\.){0,2000})"|'((?:[^'\\\n]|\\.){0,2000})'|[‘’“”]([^‘’“”\n]{0,2000})[‘’“”]|(-?[\w.-]{1,100}))""",
    re.I,
)

UNQUOTED_MESSAGE = re.compile(r"[^\n{}]{1,1000}?(?=\s{1,3}(?:type|param|code|status(?:_?code)?)\s?[:=]|[\n{}]|$)", re.I)


def read_bodies(text):
    """The error body's fields from the first JSON / Python-repr / JS-object body that has them."""
    fields = {}
    for count, start in enumerate(BODY_START.finditer(text)):
        if count >= MAX_BODIES:
            break
        found = _read_body_at(text, start.start())
        for key, value in found.items():
            fields.setdefault(key, value)
        if fields.get("message") and fields.get("code"):
            break
    if not fields.get("code") or not fields.get("type") or not fields.get("message"):
        # Bodies cut off or mangled beyond parsing (pasted halves, markdown): field by field.
        for key, value in _fields_by_regex(UNWRAP.sub("", text[:8000])).items():
            fields.setdefault(key, value)
    return fields


def _read_body_at(text, start):
    end = _balanced_end(text, start)
    chunk = text[start:end] if end else text[start : start + 6000]
    for candidate in (chunk, UNWRAP.sub("", chunk)):
        parsed = _parse_object(candidate)
        if isinstance(parsed, dict):
            fields = _fields_from_object(parsed)
            return {**fields, "from_object": True} if fields else fields
    return _fields_by_regex(UNWRAP.sub("", chunk))


def _balanced_end(text, start):
    """Where the object opened at `start` closes (strings skipped); None when it does not within reach.

    Linear: once a quote fails to close on a line, no later quote of the same kind on that line
    can (the scan from it would run through the same escapes), so it is not tried again.
    """
    depth, position = 0, start
    limit = min(len(text), start + BALANCED_SCAN)
    unclosable = {"'": -1, '"': -1}  # quote -> end of the line on which it cannot close
    pattern, until = SCAN_TOKENS[frozenset(unclosable)], limit
    while position < limit:
        if position >= until:
            pattern, until = _scan_state(unclosable, position, limit)
        token = pattern.search(text, position, until)
        if not token:
            position = until + 1  # past the line's end (a newline) where a dead quote comes back to life
            continue
        char, position = token.group(), token.end()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position
        elif closed := STRING_REST[char].match(text, position, limit):
            position = closed.end()
        else:
            line_end = text.find("\n", position, limit)
            unclosable[char] = limit if line_end == -1 else line_end
            pattern, until = _scan_state(unclosable, position, limit)
    return None


def _scan_state(unclosable, position, limit):
    live = frozenset(quote for quote, end in unclosable.items() if end < position)
    return SCAN_TOKENS[live], min([end for end in unclosable.values() if end >= position] + [limit])


def _parse_object(candidate):
    try:
        return json.loads(candidate)
    except ValueError:
        pass
    if "'" in candidate or "None" in candidate:
        try:
            return ast.literal_eval(candidate)
        except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
            pass
    return None


def _fields_from_object(obj):
    error = obj.get("error", obj)
    if isinstance(error, str):
        return {"message": error}
    if not isinstance(error, dict):
        return {}
    fields = {}
    message = error.get("message")
    if message is None and "detail" in error:
        message = _detail_message(error["detail"])
    if isinstance(message, str) and message.strip():
        fields["message"] = message.strip()
    for key in ("type", "code", "param"):
        value = error.get(key)
        if value not in (None, ""):
            fields[key] = str(value)
    status = error.get("status", obj.get("status"))
    code = error.get("code")
    for candidate in (status, code):
        if isinstance(candidate, int) and 400 <= candidate <= 599:
            fields.setdefault("status", candidate)
    return fields


def _detail_message(detail):
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list) and detail and isinstance(detail[0], dict):
        return detail[0].get("msg")
    return None


def _fields_by_regex(text):
    fields = {}
    for match in FIELD.finditer(text):
        key = match.group(1).lower()
        if key in fields:
            continue
        value = next((g for g in match.groups()[1:] if g is not None), "")
        if key == "message" and match.group(5) is not None:  # unquoted: a sentence up to the line's end
            sentence = UNQUOTED_MESSAGE.match(text, match.start(5))
            value = (sentence.group() if sentence else match.group(5)).rstrip(" \t\"'}])")
        if value in ("null", "None", "") or (key == "message" and len(value) < 2):
            continue
        if key == "message" and value.startswith("{"):
            continue
        fields[key] = value.replace("\\'", "'").replace('\\"', '"')
    if fields.get("code", "").isdecimal() and 400 <= int(fields["code"]) <= 599:
        fields["status"] = int(fields["code"])
    return fields
