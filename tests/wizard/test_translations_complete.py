"""The wizard's catalogs and its flow exist in every language."""

from pathlib import Path

import pytest

from tests.errors_kb.test_translations_complete import po_messages
from troubleshooter.lib.languages import LANGUAGE_CODES
from troubleshooter.wizard.flow_data import flow_read_file

LOCALE = Path(__file__).resolve().parents[2] / "troubleshooter" / "wizard" / "locale"
CATALOGS = [LOCALE / language / "LC_MESSAGES" / "django.po" for language in ("zh_Hans", "ko")]


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: path.parents[1].name)
def test_every_wizard_message_has_a_reviewed_translation(catalog):
    messages = po_messages(catalog)

    assert len(messages) > 50
    assert [msgid for msgid, translations, fuzzy in messages if fuzzy or not all(translations)] == []


def test_every_text_of_the_shipped_flow_is_written_in_every_language():
    missing = []
    for node in flow_read_file()["nodes"]:
        texts = [node.get("text")] if node["kind"] != "resolution" else []
        texts += [choice["label"] for choice in node.get("choices", [])]
        missing += [(node["id"], lang) for text in texts for lang in LANGUAGE_CODES if not text.get(lang, "").strip()]

    assert missing == []


def test_the_steps_speak_korean_in_the_catalog(client, flow):
    html = client.get("/ko/wizard/?p=start,q-status,q-429,r-429-quota-exceeded").content.decode()

    assert "문제가 해결되었나요?" in html and "처음부터 다시" in html
