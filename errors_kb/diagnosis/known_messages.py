"""Verbatim API messages, the guide's own and other providers', found in a pasted text in one pass.

Each message is known by its opening (its first words: a paste may stop after any of them). Hundreds
of openings are looked for at once with an Aho–Corasick automaton (pyahocorasick), so the cost of a
diagnosis does not grow with the number of providers' wordings.
"""

import re

import ahocorasick

KNOWN_MESSAGE_OPENING = 32
MIN_KNOWN_MESSAGE = 14  # in width: a Han, kana or Hangul character counts twice
MIN_QUOTED_MESSAGE = 20  # an opening this long, quoted in a doc's prose, is still the API's message
MIN_PROVIDER_MESSAGE = 24  # a provider's table also lists "Invalid parameter", "Permission denied": too common
# Where a documented message has a slot, its opening stops: `Model {model} not found`, `%s`, `<id>`.
PLACEHOLDER = re.compile(r"\{[^{}\n]{0,40}\}|%[sdv]|<[^<>\n]{1,40}>|\*{3,}|…|\.\.\.")
WIDE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# HTTP's reason phrases say nothing on their own, even when a provider's table lists them as its messages.
REASON_PHRASE = re.compile(
    r"(?:\d{3} )?(?:bad request|unauthori[sz]ed|forbidden|not found|too many requests|internal server error"
    r"|bad gateway|service unavailable|gateway time-?out|request timeout|conflict|unprocessable entity"
    r"|payment required|method not allowed)",
)


def opening(message):
    """Whole words of the message's start, up to any slot, without closing punctuation."""
    message = PLACEHOLDER.split(message.strip().lower(), maxsplit=1)[0]
    head = message[:KNOWN_MESSAGE_OPENING]
    if len(message) > KNOWN_MESSAGE_OPENING and not message[KNOWN_MESSAGE_OPENING].isspace() and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.strip().rstrip(" ,.;:!?…，。：；！？")


def recognisable(text):
    """Long enough to tell an API's message from any program's words."""
    return _width(text) >= MIN_KNOWN_MESSAGE


def specific(text):
    """A provider's wording that can stand for its entry: a sentence, not a code, an exception's name,
    "Permission denied" or a reason phrase (which every program and web server says too)."""
    sentence = " " in text or WIDE.search(text) is not None
    return sentence and _width(text) >= MIN_PROVIDER_MESSAGE and REASON_PHRASE.fullmatch(text) is None


def _width(text):
    return len(text) + len(WIDE.findall(text))


class MessageIndex:
    """Openings → what each one is evidence for (a tuple, empty for a message that only shows an API answered)."""

    def __init__(self, evidence_by_opening):
        self.quotable = frozenset(o for o in evidence_by_opening if len(o) >= MIN_QUOTED_MESSAGE)
        self._automaton = None
        if evidence_by_opening:
            self._automaton = ahocorasick.Automaton()
            for text, evidence in evidence_by_opening.items():
                self._automaton.add_word(text, (text, tuple(evidence)))
            self._automaton.make_automaton()

    def found(self, lowered_text):
        """(opening, evidence) of every known message in the text, each once."""
        if self._automaton is None:
            return []
        return list(dict(value for _end, value in self._automaton.iter(lowered_text)).items())

    def knows(self, lowered_text):
        return bool(self.found(lowered_text))

    def quotes(self, lowered_text):
        return any(text in self.quotable for text, _evidence in self.found(lowered_text))
