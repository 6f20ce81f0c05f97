"""What changed between two versions of a text, as HTML: removed words in <del>, added ones in <ins>.

Word by word, so a one-word edit in a long Markdown paragraph reads as that one
word. Chinese and Japanese are written without spaces, so each Han or kana
character counts as a word; Korean separates words with spaces like English.
Long unchanged stretches are folded to a few words on each side of a change.
"""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"\s+|[{CJK}]|[^\W{CJK}]+|[^\w\s]")
CONTEXT_TOKENS = 8
FOLD = '<span class="text-diff-fold">…</span>'


def text_tokens(text):
    return TOKEN.findall(text)


def diff_html(old, new, *, context=CONTEXT_TOKENS):
    """HTML of the changes from ``old`` to ``new`` (both plain text), escaped, with unchanged stretches folded."""
    a, b = text_tokens(old), text_tokens(new)
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    parts = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts.append(_unchanged(a[i1:i2], first=index == 0, last=index == len(opcodes) - 1, context=context))
            continue
        if i2 > i1:
            parts.append(f"<del>{_changed(a[i1:i2])}</del>")
        if j2 > j1:
            parts.append(f"<ins>{_changed(b[j1:j2])}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above went through escape()


def _unchanged(tokens, *, first, last, context):
    head = [] if first else tokens[:context]
    tail = [] if last else tokens[-context:]
    if len(tokens) <= len(head) + len(tail) + 1:
        return escape("".join(tokens))
    return f"{escape(''.join(head))}{FOLD}{escape(''.join(tail))}"


def _changed(tokens):
    # A changed line break would be invisible: show it.
    return escape("".join(tokens)).replace("\n", "↵\n")
