"""Rate-limit figures in a pasted text: limit, used, requested, the unit and when to retry."""

import re

RATE_LIMIT_CONTEXT = re.compile(
    r"rate limit|too large|\((?:TPM|RPM|RPD|TPD)\)|（(?:TPM|RPM|RPD|TPD)）|per min|per day", re.I
)

RATE_FIGURES = {
    "limit": re.compile(r"\b(?:Limit|限制)[:：*\s]{0,6}([0-9][0-9,]{0,14}(?:\.[0-9]{1,6})?)", re.I),
    "used": re.compile(r"\b(?:Used|Current)[:：*\s]{0,6}([0-9][0-9,]{0,14}(?:\.[0-9]{1,6})?)", re.I),
    "requested": re.compile(r"(?:\bRequested|请求)[:：*\s]{0,6}([0-9][0-9,]{0,14}(?:\.[0-9]{1,6})?)", re.I),
}

RATE_UNITS = (
    re.compile(r"[(（](TPM|RPM|RPD|TPD|IPM)[)）]"),
    re.compile(r"\b((?:requests|tokens) per (?:min|minute|day))\b", re.I),
    re.compile(r"/ ?(min|day)\b", re.I),
)

RETRY_AFTER = re.compile(
    r"try again in\s{0,3}(?P<a>(?:\d{1,6}(?:\.\d{1,4})?\s{0,2}(?:ms|h|m|s|seconds?|minutes?|hours?)\b\s{0,2}){1,3})"
    r"|retry after\s{0,3}(?P<b>\d{1,7}\s{0,2}(?:seconds?|s)\b)",
    re.I,
)


def rate_limit_figures(text):
    if not RATE_LIMIT_CONTEXT.search(text):
        return None
    figures = {}
    for key, pattern in RATE_FIGURES.items():
        match = pattern.search(text)
        number = _number(match.group(1)) if match else None
        if number is not None:
            figures[key] = number
    for pattern in RATE_UNITS:
        unit = pattern.search(text)
        if unit:
            figures["per"] = unit.group(1)
            break
    retry = RETRY_AFTER.search(text)
    if retry:
        figures["retry_after"] = (retry["a"] or retry["b"]).strip()
    if not figures:
        return None
    requested, limit = figures.get("requested"), figures.get("limit")
    figures["request_too_large"] = bool(requested and limit and requested > limit)
    return figures


def _number(raw):
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        return None
    return int(value) if value.is_integer() else value
