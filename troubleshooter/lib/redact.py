"""Secrets out of text: the one place that knows what a key looks like and how to show it.

``mask_key(key)`` is what may be shown of a key (``sk-…abcd``); ``mask_secrets(text)``
replaces every key-like token in a text by that fingerprint. Plain Python, no Django:
the simulator, the diagnoser, health checks and tickets all call it.
"""

import re

SECRET = re.compile(
    r"\b(?P<prefix>sk-(?:proj-|or-v1-|ant-(?:api\d\d-)?|svcacct-|admin-)?|sess-|AIza|gsk_)(?P<body>[A-Za-z0-9_\-]{16,300})"
    r"|\b(?P<bearer>Bearer)\s+(?P<token>[A-Za-z0-9._\-]{20,600})"
    r"|(?P<label>api[-_ ]?key['\"]?\s{0,3}[:=]\s{0,3}['\"]?)(?P<hex>[0-9a-fA-F]{32})\b",
    re.I,
)
SHORTEST_SHOWN_KEY = 12  # below this, four characters would give away too much of it


def mask_key(key):
    """`sk-…abcd`: the provider prefix and the last four characters, never more."""
    key = (key or "").strip()
    if len(key) < SHORTEST_SHOWN_KEY:
        return "…"
    prefix = "sk-" if key.startswith("sk-") else key[:3]
    return f"{prefix}…{key[-4:]}"


def mask_secrets(text):
    """The text with every key, bearer token and labelled 32-hex key replaced by its fingerprint."""
    if not text:
        return text
    return SECRET.sub(_masked, text)


def _masked(match):
    if match["body"]:
        return f"{match['prefix']}…{match['body'][-4:]}"
    if match["token"]:
        return f"{match['bearer']} …{match['token'][-4:]}"
    return f"{match['label']}…{match['hex'][-4:]}"
