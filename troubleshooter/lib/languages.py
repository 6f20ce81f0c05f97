"""The site's languages, defined once: settings, forms, the API and the guide's columns read them here."""

import re

from django.utils.translation import gettext_lazy as _

DEFAULT_LANGUAGE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("ko", _("Korean")),
]
LANGUAGE_CODES = tuple(code for code, _name in LANGUAGES)

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def script_language(text):
    """The language a verbatim text is written in, as far as its script tells: for `lang` attributes."""
    if HANGUL.search(text):
        return "ko"
    return "zh-hans" if HAN.search(text) else "en"
