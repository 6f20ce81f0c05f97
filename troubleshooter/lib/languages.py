"""The site's languages, defined once: settings, forms, the API and the guide's columns read them here."""

from django.utils.translation import gettext_lazy as _

DEFAULT_LANGUAGE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("ko", _("Korean")),
]
LANGUAGE_CODES = tuple(code for code, _name in LANGUAGES)
