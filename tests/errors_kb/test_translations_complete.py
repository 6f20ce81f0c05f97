"""Everything a person reads exists in all three languages: the UI catalogs and the guide content."""

import ast
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

CATALOGS = [
    Path(locale_path) / language / "LC_MESSAGES" / "django.po"
    for locale_path in settings.LOCALE_PATHS
    for language in ("zh_Hans", "ko")
]
GUIDE_FILE = settings.BASE_DIR / "errors_kb" / "data" / "guide.json"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
CONDITION_TEXTS = ("cause", "solution")


def po_messages(path):
    """(msgid, [translations], fuzzy) per message, header and obsolete entries excluded.

    Enough of the .po syntax for catalogs written by makemessages.
    """
    messages = []
    current = None
    field = None
    fuzzy = False
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            fuzzy = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if field == "msgid":
                current["msgid"] += ast.literal_eval(line)
            elif field.startswith("msgstr"):
                current["msgstr"][field] += ast.literal_eval(line)
            continue
        keyword, _space, value = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and field != "msgctxt"):
            if current:
                messages.append(current)
            current = {"msgid": "", "msgstr": {}, "fuzzy": fuzzy}
            fuzzy = False
        field = keyword
        if keyword == "msgid":
            current["msgid"] = ast.literal_eval(value)
        elif keyword.startswith("msgstr"):
            current["msgstr"][keyword] = ast.literal_eval(value)
    if current:
        messages.append(current)
    return [
        (message["msgid"], [message["msgstr"][key] for key in sorted(message["msgstr"])], message["fuzzy"])
        for message in messages
        if message["msgid"]
    ]


def catalog_id(path):
    return f"{path.parents[2].name}-{path.parents[1].name}"


@pytest.mark.parametrize("catalog", CATALOGS, ids=catalog_id)
def test_every_message_has_a_reviewed_translation(catalog):
    messages = po_messages(catalog)
    assert len(messages) > 25, "the catalog looks empty: run makemessages"
    missing = [msgid for msgid, translations, fuzzy in messages if fuzzy or not all(t.strip() for t in translations)]
    assert missing == []


@pytest.mark.parametrize("catalog", CATALOGS, ids=catalog_id)
def test_every_placeholder_survives_translation(catalog):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for msgid, translations, _fuzzy in po_messages(catalog):
        expected = sorted(placeholder.findall(msgid))
        for translation in translations:
            assert sorted(placeholder.findall(translation)) == expected, msgid


def test_every_guide_entry_is_complete_in_every_language(shipped_guide):
    from errors_kb.models import Entry

    data = json.loads(GUIDE_FILE.read_text(encoding="utf-8"))
    entries = list(Entry.objects.prefetch_related("reasons", "steps"))
    assert len(entries) == len(data["entries"])

    problems = []
    for entry in entries:
        for lang in LANGUAGES:
            suffix = lang.replace("-", "_")
            for name in ("title", "summary") + (CONDITION_TEXTS if entry.kind == Entry.Kind.CONDITION else ()):
                if not (getattr(entry, f"{name}_{suffix}") or "").strip():
                    problems.append(f"{entry.slug}: {name} [{lang}] is empty")
        if entry.kind != Entry.Kind.CONDITION:
            continue
        for related_name in ("reasons", "steps"):
            rows = list(getattr(entry, related_name).all())
            if not rows:
                problems.append(f"{entry.slug}: no {related_name}")
            for position, row in enumerate(rows, start=1):
                for lang in LANGUAGES:
                    if not (getattr(row, f"text_{lang.replace('-', '_')}") or "").strip():
                        problems.append(f"{entry.slug}: {related_name} #{position} [{lang}] is empty")
    assert problems == []


def test_reasons_and_steps_have_as_many_items_in_every_language():
    data = json.loads(GUIDE_FILE.read_text(encoding="utf-8"))
    problems = []
    for raw in data["entries"]:
        if raw.get("kind", "condition") != "condition":
            continue
        for name in ("reasons", "steps"):
            counts = {lang: len(raw["text"].get(lang, {}).get(name) or []) for lang in LANGUAGES}
            if len(set(counts.values())) != 1:
                problems.append(f"{raw['slug']}: {name} counts differ {counts}")
    assert problems == []
