import copy
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry
from tests.errors_kb.factories import SMALL_GUIDE

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(empty_guide):
    return guide_read_file(SMALL_GUIDE)


def entry_in(data, slug):
    return next(entry for entry in data["entries"] if entry["slug"] == slug)


def test_it_creates_entries_with_all_three_languages(guide):
    report = guide_load(data=guide)

    assert sorted(report.created) == ["429-quota-exceeded", "429-rate-limit", "rate-limits-and-backoff"]
    entry = Entry.objects.get(slug="429-quota-exceeded")
    assert (entry.title_en, entry.title_zh_hans, entry.title_ko) == ("Quota used up", "额度已用完", "할당량 소진")
    assert [step.text_ko for step in entry.steps.all()] == [
        "결제 페이지를 엽니다.",
        "크레딧을 추가합니다.",
        "요청을 다시 보냅니다.",
    ]
    assert entry.match_rules.get().label_zh_hans == "消息指出额度已用完"
    assert sorted(entry.related.values_list("slug", flat=True)) == ["429-rate-limit", "rate-limits-and-backoff"]


def test_loading_twice_changes_nothing(guide):
    guide_load(data=guide)
    revisions = dict(Entry.objects.values_list("slug", "revision"))
    history_count = Entry.history.count()

    report = guide_load(data=guide)

    assert len(report.unchanged) == 3
    assert report.created == report.updated == report.skipped_edited == []
    assert dict(Entry.objects.values_list("slug", "revision")) == revisions
    assert Entry.history.count() == history_count


def test_a_changed_file_updates_an_untouched_entry(guide):
    guide_load(data=guide)
    changed = copy.deepcopy(guide)
    entry_in(changed, "429-rate-limit")["text"]["en"]["steps"].append("Ask for a higher limit.")
    for lang in ("zh-hans", "ko"):
        entry_in(changed, "429-rate-limit")["text"][lang]["steps"].append("…")

    report = guide_load(data=changed)

    assert report.updated == ["429-rate-limit"]
    entry = Entry.objects.get(slug="429-rate-limit")
    assert entry.revision == 2
    assert entry.steps.last().text_en == "Ask for a higher limit."
    assert entry.history.latest().history_change_reason == "load_guide"


def test_an_entry_edited_in_the_admin_is_skipped_and_reported(guide):
    guide_load(data=guide)
    entry = Entry.objects.get(slug="429-rate-limit")
    entry.title_en = "Edited by an admin"
    entry.save()
    changed = copy.deepcopy(guide)
    entry_in(changed, "429-rate-limit")["text"]["en"]["title"] = "New title from the file"

    report = guide_load(data=changed)

    assert report.skipped_edited == ["429-rate-limit"]
    assert Entry.objects.get(slug="429-rate-limit").title_en == "Edited by an admin"


def test_force_overwrites_an_edited_entry(guide):
    guide_load(data=guide)
    step = Entry.objects.get(slug="429-rate-limit").steps.get()
    step.text_en = "Edited step"
    step.save()

    report = guide_load(data=guide, force=True)

    assert report.updated == ["429-rate-limit"]
    assert Entry.objects.get(slug="429-rate-limit").steps.get().text_en == "Wait, then retry with exponential backoff."


def test_unknown_related_slugs_are_reported_and_the_entry_still_loads(guide):
    entry_in(guide, "429-rate-limit")["related"].append("no-such-entry")

    report = guide_load(data=guide)

    assert report.unknown_related == [("429-rate-limit", "no-such-entry")]
    assert "429-rate-limit" in report.created
    assert guide_load(data=guide).unchanged  # and loading again is still a no-op
    assert len(guide_load(data=guide).unchanged) == 3


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda e: e["text"].pop("ko"), "text.ko: missing"),
        (lambda e: e["text"]["ko"].update(title=""), "text.ko.title: must not be empty"),
        (lambda e: e.update(kind="bogus"), "kind:"),
        (
            lambda e: e["match_rules"][0].update(pattern="(unclosed"),
            "match_rules[0].pattern: not a valid regular expression",
        ),
        (lambda e: e["match_rules"][0].update(colour="red"), "match_rules[0]: unknown key “colour”"),
        (lambda e: e["text"]["ko"]["steps"].pop(), "same number of items"),
        (lambda e: e["provider_messages"][0].update(status=700), "provider_messages[0].status:"),
        (lambda e: e["provider_messages"][0].update(message=""), "provider_messages[0].message:"),
        (lambda e: e["provider_messages"][0].update(colour="red"), "provider_messages[0]: unknown key “colour”"),
        (lambda e: e.update(provider_messages="DeepSeek"), "provider_messages: must be a list"),
    ],
)
def test_invalid_entries_are_reported_by_slug_and_nothing_is_loaded(guide, mutate, expected):
    mutate(entry_in(guide, "429-quota-exceeded"))

    report = guide_load(data=guide)

    assert [error.slug for error in report.errors] == ["429-quota-exceeded"]
    assert expected in report.errors[0].message
    assert not Entry.objects.exists()


def test_the_command_prints_counts_and_lists_skipped_entries(guide, tmp_path):
    call_command("load_guide", file=str(SMALL_GUIDE), stdout=StringIO())
    Entry.objects.filter(slug="429-rate-limit").update(title_en="Edited")  # an edit, without history
    out = StringIO()

    call_command("load_guide", file=str(SMALL_GUIDE), stdout=out)

    text = out.getvalue()
    assert "0 created, 0 updated, 2 unchanged, 1 skipped" in text
    assert "429-rate-limit" in text and "--force" in text


def test_the_command_fails_on_validation_errors(guide, tmp_path):
    entry_in(guide, "429-rate-limit")["text"]["en"]["title"] = ""
    path = tmp_path / "guide.json"
    path.write_text(json.dumps(guide), encoding="utf-8")

    with pytest.raises(CommandError, match="validation error"):
        call_command("load_guide", file=str(path), stdout=StringIO(), stderr=StringIO())
    assert not Entry.objects.exists()


def test_the_command_fails_clearly_on_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "guide.json"
    path.write_text("{not json", encoding="utf-8")

    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_guide", file=str(path))
