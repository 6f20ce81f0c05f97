"""The one check of a pasted text that the page, the API and the command share."""

from django.utils.translation import gettext_lazy as _

MAX_TEXT_BYTES = 64 * 1024
CONTROL_CHARACTERS = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r", "\x1b"}


class TextProblem(Exception):
    """A pasted text the diagnoser refuses; `status` is the HTTP status to answer with."""

    def __init__(self, message, *, status):
        super().__init__(message)
        self.message = message
        self.status = status


def text_check(text):
    """Raise TextProblem when `text` cannot be diagnosed; return it unchanged otherwise."""
    if not isinstance(text, str):
        raise TextProblem(_("The text must be a string."), status=400)
    if not text.strip():
        raise TextProblem(_("Paste an error message, a traceback or an error body first."), status=400)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise TextProblem(
            _("The text is longer than %(limit)s KB. Paste the end of the traceback and the error message.")
            % {"limit": MAX_TEXT_BYTES // 1024},
            status=413,
        )
    if "\x00" in text or sum(ch in CONTROL_CHARACTERS for ch in text[:4096]) > 8:
        raise TextProblem(_("This looks like binary data, not text. Paste the error as text."), status=400)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise TextProblem(_("The text is not valid Unicode. Paste it again as plain text."), status=400)
    return text
