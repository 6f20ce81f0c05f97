import pytest

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry, MatchRule, Reason, Step
from tests.errors_kb.admin_forms import change_form_data, inline_prefix
from tests.errors_kb.factories import SMALL_GUIDE

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(small_guide):
    return small_guide


def change_url(slug):
    return f"/admin/errors_kb/entry/{Entry.objects.get(slug=slug).pk}/change/"


def test_the_list_shows_entries_and_finds_them_by_error_code(admin_client, loaded):
    response = admin_client.get("/admin/errors_kb/entry/", {"q": "insufficient_quota"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list.values_list("slug", flat=True)) == ["429-quota-exceeded"]
    assert "Export guide.json" in response.content.decode()


def test_the_list_finds_entries_by_a_korean_title(admin_client, loaded):
    response = admin_client.get("/admin/errors_kb/entry/", {"q": "요청이 너무"})

    assert list(response.context["cl"].result_list.values_list("slug", flat=True)) == ["429-rate-limit"]


def test_the_change_form_has_language_tabs_that_work_offline(admin_client, loaded):
    page = admin_client.get(change_url("429-rate-limit")).content.decode()

    assert 'name="title_zh_hans"' in page and 'name="title_ko"' in page
    assert "/static/vendor/jquery-ui.min.js" in page
    assert "modeltranslation/js/tabbed_translation_fields.js" in page
    assert "googleapis" not in page


def test_saving_the_form_saves_steps_and_bumps_the_revision(admin_client, loaded):
    url = change_url("429-rate-limit")
    response = admin_client.get(url)
    data = change_form_data(response)
    data["title_ko"] = "요청 한도 초과"
    data[f"{inline_prefix(response, Entry.steps.rel.related_model)}-0-text_en"] = "Wait a minute, then retry."

    saved = admin_client.post(url, data)

    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    entry = Entry.objects.get(slug="429-rate-limit")
    assert entry.title_ko == "요청 한도 초과"
    assert entry.steps.get().text_en == "Wait a minute, then retry."
    assert entry.revision == 2


def test_an_admin_edit_is_kept_by_the_next_load(admin_client, loaded):
    url = change_url("429-rate-limit")
    data = change_form_data(admin_client.get(url))
    data["title_en"] = "Edited in the admin"
    admin_client.post(url, data)

    report = guide_load(data=guide_read_file(SMALL_GUIDE))

    assert report.skipped_edited == ["429-rate-limit"]
    assert Entry.objects.get(slug="429-rate-limit").title_en == "Edited in the admin"


def test_preview_shows_what_the_form_holds_in_each_language_without_saving(admin_client, loaded):
    url = change_url("429-rate-limit")
    response = admin_client.get(url)
    data = change_form_data(response)
    data["title_en"] = "Unsaved title"
    data["solution_zh_hans"] = "先**等待**。"
    data[f"{inline_prefix(response, Entry.steps.rel.related_model)}-0-text_ko"] = "임시 단계"

    preview = admin_client.post(url.replace("/change/", "/preview/"), data)

    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Unsaved title" in page and "先<strong>等待</strong>。" in page and "임시 단계" in page
    assert 'lang="zh-hans"' in page and 'lang="ko"' in page
    entry = Entry.objects.get(slug="429-rate-limit")
    assert (entry.title_en, entry.revision) == ("Too many requests", 1)


def test_the_change_form_links_to_the_preview(admin_client, loaded):
    page = admin_client.get(change_url("429-rate-limit")).content.decode()

    assert "/preview/" in page and "Preview" in page


def test_an_entry_added_in_the_admin_starts_its_history_as_created(admin_client):
    response = admin_client.get("/admin/errors_kb/entry/add/")
    data = change_form_data(response)
    data.update(
        slug="new-topic", kind="topic", sort_order="5", title_en="New topic", title_zh_hans="新主题", title_ko="새 주제"
    )

    preview = admin_client.post("/admin/errors_kb/entry/preview/", data)
    saved = admin_client.post("/admin/errors_kb/entry/add/", data)

    assert "新主题" in preview.content.decode()
    assert saved.status_code == 302
    entry = Entry.objects.get(slug="new-topic")
    assert [record.history_type for record in entry.history.all()] == ["+"]
    assert entry.history.get().history_user.username == "admin"


def test_an_untouched_entry_posted_with_crlf_line_endings_changes_nothing(admin_client, shipped_guide):
    guide = guide_read_file()
    raw = next(entry for entry in guide["entries"] if entry["slug"] == "429-quota-exceeded")
    for texts in raw["text"].values():  # multi-line Markdown in the children too
        texts["reasons"][0] = "First line.\n\n- a list item\n- another"
        texts["steps"][0] = "Open the page.\n\n    code block"
    assert guide_load(data=guide).updated == ["429-quota-exceeded"]
    entry = Entry.objects.get(slug="429-quota-exceeded")
    children = (Reason, Step, MatchRule)
    child_records = {model: model.history.filter(entry_id=entry.pk).count() for model in children}
    url = change_url(entry.slug)
    data = change_form_data(admin_client.get(url))
    posted = {name: value.replace("\n", "\r\n") if isinstance(value, str) else value for name, value in data.items()}
    assert sum("\r\n" in value for value in posted.values() if isinstance(value, str)) >= 8

    saved = admin_client.post(url, posted)

    assert saved.status_code == 302
    latest, previous = entry.history.all()[:2]
    assert latest.diff_against(previous, excluded_fields=["revision", "updated_at"]).changed_fields == []
    assert {model: model.history.filter(entry_id=entry.pk).count() for model in children} == child_records
    entry.refresh_from_db()
    assert "\r" not in entry.body_en and "\r" not in entry.steps.first().text_zh_hans
    report = guide_load(data=guide)  # what load_guide would say: not edited in the admin
    assert "429-quota-exceeded" in report.unchanged and report.skipped_edited == []
