import pytest

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry, Step
from tests.errors_kb.admin_forms import change_form_data, inline_prefix
from tests.errors_kb.factories import SMALL_GUIDE

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(small_guide):
    return Entry.objects.get(slug="429-quota-exceeded")


def edit(client, entry, **changes):
    """Open the change form, change some fields (``steps-0-text_en`` style for inlines), save."""
    url = f"/admin/errors_kb/entry/{entry.pk}/change/"
    response = client.get(url)
    data = change_form_data(response)
    for name, value in changes.items():
        if name.startswith("steps-"):
            name = name.replace("steps", inline_prefix(response, Step), 1)
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    saved = client.post(url, data)
    assert saved.status_code == 302
    return data


def revert(client, entry, record):
    url = f"/admin/errors_kb/entry/{entry.pk}/history/{record.history_id}/"
    data = change_form_data(client.get(url))
    return client.post(url, data)


def test_each_save_is_one_history_record_with_its_author(admin_client, entry):
    edit(admin_client, entry, title_en="First edit")
    edit(admin_client, entry, title_en="Second edit")

    records = list(entry.history.all())
    assert [record.title_en for record in records] == ["Second edit", "First edit", "Quota used up"]
    assert records[0].history_user.username == "admin"
    assert records[-1].history_change_reason == "load_guide" and records[-1].history_type == "+"

    page = admin_client.get(f"/admin/errors_kb/entry/{entry.pk}/history/").content.decode()
    assert "Second edit" in page or "First edit" in page
    assert "load_guide" in page


def test_revert_restores_the_title_and_the_steps(admin_client, entry):
    loaded_version = entry.history.latest()
    edit(
        admin_client,
        entry,
        title_en="Changed title",
        **{"steps-0-text_en": "A rewritten first step", "steps-2-DELETE": "on"},
    )
    entry.refresh_from_db()
    assert [step.text_en for step in entry.steps.all()] == ["A rewritten first step", "Add credit."]

    response = revert(admin_client, entry, loaded_version)

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title_en == "Quota used up"
    assert [step.text_en for step in entry.steps.all()] == [
        "Open the billing page.",
        "Add credit.",
        "Retry the request.",
    ]
    assert [step.text_ko for step in entry.steps.all()][2] == "요청을 다시 보냅니다."
    assert entry.revision == 3
    assert entry.history.latest().history_change_reason.startswith("revert")


def test_revert_also_removes_steps_added_later(admin_client, entry):
    loaded_version = entry.history.latest()
    edit(admin_client, entry, **{"steps-TOTAL_FORMS": "4", "steps-3-text_en": "An extra step", "steps-3-position": "9"})
    assert entry.steps.count() == 4

    revert(admin_client, entry, loaded_version)

    assert entry.steps.count() == 3


def test_the_revert_page_lists_the_steps_that_come_back(admin_client, entry):
    loaded_version = entry.history.latest()
    edit(admin_client, entry, **{"steps-0-text_en": "A rewritten first step"})

    page = admin_client.get(f"/admin/errors_kb/entry/{entry.pk}/history/{loaded_version.history_id}/").content.decode()

    assert "Open the billing page." in page
    assert "A rewritten first step" not in page.split('id="revert-children"')[1].split("</div>")[0]


def test_reverting_to_the_loaded_version_makes_the_entry_match_the_file_again(admin_client, entry):
    first = entry.history.latest()
    edit(admin_client, entry, title_en="Changed title")
    assert guide_load(data=guide_read_file(SMALL_GUIDE)).skipped_edited == ["429-quota-exceeded"]
    revert(admin_client, entry, first)

    report = guide_load(data=guide_read_file(SMALL_GUIDE))

    assert "429-quota-exceeded" in report.unchanged


def test_the_history_page_reads_in_korean(admin_client, entry):
    page = admin_client.get(f"/admin/errors_kb/entry/{entry.pk}/history/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()

    assert "아래 목록에서 날짜를 골라" in page
    assert "변경 사유" in page


def test_the_history_shows_the_words_that_changed_not_shortened_copies(admin_client, entry):
    long_body = "Quota is about money, not speed. " * 20
    edit(admin_client, entry, body_en=long_body + "Ask the owner.")
    edit(admin_client, entry, body_en=long_body + "Ask the organization owner.", title_zh_hans="额度用完了")

    page = admin_client.get(f"/admin/errors_kb/entry/{entry.pk}/history/").content.decode()

    assert "Ask the <ins>organization </ins>owner." in page
    assert "额度<del>已</del>用完<ins>了</ins>" in page
    assert "chars]" not in page
    assert "Revision:" not in page  # moves with every save; not a change anyone made
