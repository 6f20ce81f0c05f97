import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from errors_kb.guide_file import guide_export, guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry
from tests.errors_kb.factories import SMALL_GUIDE

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(empty_guide):
    return guide_read_file(SMALL_GUIDE)


def by_slug(data):
    return {entry["slug"]: entry for entry in data["entries"]}


def upload(content, name="guide.json"):
    return SimpleUploadedFile(
        name, content if isinstance(content, bytes) else content.encode("utf-8"), "application/json"
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_export_of_a_fresh_load_equals_the_file(guide):
    guide_load(data=guide)

    exported = guide_export()

    assert exported["format"] == 1
    assert by_slug(exported) == by_slug(guide)


def test_loading_an_export_changes_nothing_and_exports_the_same(guide):
    guide_load(data=guide)
    entry = Entry.objects.get(slug="429-rate-limit")
    entry.title_ko = "관리자가 고친 제목"  # an admin edit, now part of what the export says
    entry.save()
    exported = guide_export()

    report = guide_load(data=copy.deepcopy(exported))

    assert len(report.unchanged) == 3
    assert guide_export() == exported


def test_the_admin_export_downloads_the_guide(admin_client, guide):
    guide_load(data=guide)

    response = admin_client.get("/admin/errors_kb/entry/export/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="guide.json"'
    text = response.content.decode("utf-8")
    assert "额度已用完" in text  # UTF-8 kept, not \u escapes
    assert by_slug(json.loads(text)) == by_slug(guide)


def test_the_admin_import_loads_a_guide_and_reports(admin_client, empty_guide):
    response = admin_client.post(
        "/admin/errors_kb/entry/import/", {"guide_file": upload(SMALL_GUIDE.read_bytes())}, follow=True
    )

    assert response.status_code == 200
    assert Entry.objects.count() == 3
    assert "Guide imported: 3 created, 0 updated, 0 unchanged." in messages_of(response)


def test_an_import_lists_entries_edited_here_and_can_force_them(admin_client, guide):
    guide_load(data=guide)
    Entry.objects.filter(slug="429-rate-limit").update(title_en="Edited here")

    kept = admin_client.post(
        "/admin/errors_kb/entry/import/", {"guide_file": upload(SMALL_GUIDE.read_bytes())}, follow=True
    )
    forced = admin_client.post(
        "/admin/errors_kb/entry/import/", {"guide_file": upload(SMALL_GUIDE.read_bytes()), "force": "on"}, follow=True
    )

    assert any("edited here since the last load: 429-rate-limit" in message for message in messages_of(kept))
    assert "Guide imported: 0 created, 1 updated, 2 unchanged." in messages_of(forced)
    assert Entry.objects.get(slug="429-rate-limit").title_en == "Too many requests"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "The file could not be read as a guide: The file is not valid JSON"),
        (b"\xff\xfe\x00", "The file could not be read as a guide: The file is not UTF-8"),
        ("[1, 2]", "The file could not be read as a guide"),
        ('{"format": 1, "entries": {}}', "The file was not imported: 1 problem(s) found. Nothing was changed."),
        (
            '{"format": 1, "entries": [{"slug": "x", "text": {}}]}',
            "x: text.en: missing; every language must be complete.",
        ),
    ],
)
def test_a_bad_upload_gets_a_clear_message_and_changes_nothing(admin_client, empty_guide, content, expected):
    response = admin_client.post("/admin/errors_kb/entry/import/", {"guide_file": upload(content)})

    assert response.status_code == 200
    assert any(expected in message for message in messages_of(response)), messages_of(response)
    assert not Entry.objects.exists()


def test_an_import_without_a_file_asks_for_one(admin_client):
    response = admin_client.post("/admin/errors_kb/entry/import/", {})

    assert response.status_code == 200
    assert response.context["form"].errors["guide_file"]


def test_export_and_import_need_a_staff_login(client):
    assert client.get("/admin/errors_kb/entry/export/").status_code == 302
    assert client.post("/admin/errors_kb/entry/import/").status_code == 302


def test_an_admin_working_in_korean_reads_the_problems_in_korean(admin_client, empty_guide):
    content = '{"format": 1, "entries": [{"slug": "x", "colour": 1, "text": {}}]}'

    response = admin_client.post(
        "/admin/errors_kb/entry/import/", {"guide_file": upload(content)}, HTTP_ACCEPT_LANGUAGE="ko"
    )

    messages = messages_of(response)
    assert "x: 알 수 없는 키 “colour”입니다." in messages
    assert "x: text.en: 없습니다. 모든 언어가 빠짐없이 있어야 합니다." in messages
