"""The health app's own catalogs: every message translated in Chinese and Korean, no fuzzy, placeholders kept."""

import re
from pathlib import Path

import pytest

from tests.errors_kb.test_translations_complete import po_messages

LOCALE = Path(__file__).resolve().parents[2] / "troubleshooter" / "health" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.mark.parametrize("language", ["zh_Hans", "ko"])
def test_every_message_is_translated_with_its_placeholders(language):
    messages = po_messages(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(messages) > 80
    for msgid, translations, fuzzy in messages:
        assert not fuzzy and all(translations), msgid
        for translation in translations:
            assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(msgid)), msgid
