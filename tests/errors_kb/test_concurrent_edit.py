import pytest

from errors_kb.entry_history import StaleEntryError, entry_lock
from errors_kb.models import Entry, Step
from tests.errors_kb.admin_forms import change_form_data, inline_prefix

STALE = "This entry was changed by someone else since you opened it."

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(small_guide):
    return f"/admin/errors_kb/entry/{Entry.objects.get(slug='429-rate-limit').pk}/change/"


@pytest.fixture
def editors(client, django_user_model):
    from django.test import Client

    first, second = client, Client()
    first.force_login(django_user_model.objects.create_superuser("ana", "ana@example.com", "unused-password"))
    second.force_login(django_user_model.objects.create_superuser("bo", "bo@example.com", "unused-password"))
    return first, second


def test_the_second_save_of_the_same_version_is_refused_and_the_first_edit_stays(editors, url):
    first, second = editors
    first_data, second_data = change_form_data(first.get(url)), change_form_data(second.get(url))
    first_data["title_en"] = "Ana's title"
    second_data["title_en"] = "Bo's title"

    assert first.post(url, first_data).status_code == 302
    refused = second.post(url, second_data)

    assert refused.status_code == 200
    assert STALE in refused.content.decode()
    entry = Entry.objects.get(slug="429-rate-limit")
    assert (entry.title_en, entry.revision) == ("Ana's title", 2)
    assert entry.history.count() == 2  # the load and Ana's save


def test_an_inline_only_edit_over_a_newer_version_is_refused_too(editors, url):
    first, second = editors
    first_data = change_form_data(first.get(url))
    response = second.get(url)
    second_data = change_form_data(response)
    first_data["summary_en"] = "Ana's summary"
    second_data[f"{inline_prefix(response, Step)}-0-text_en"] = "Bo's step"

    first.post(url, first_data)
    refused = second.post(url, second_data)

    assert STALE in refused.content.decode()
    assert Entry.objects.get(slug="429-rate-limit").steps.get().text_en == "Wait, then retry with exponential backoff."


def test_a_save_after_reopening_the_entry_goes_through(editors, url):
    first, second = editors
    stale = change_form_data(second.get(url))
    first.post(url, change_form_data(first.get(url)))
    assert STALE in second.post(url, stale).content.decode()

    fresh = change_form_data(second.get(url))
    fresh["title_en"] = "Bo's title"

    assert second.post(url, fresh).status_code == 302
    assert Entry.objects.get(slug="429-rate-limit").revision == 3


def test_the_lock_refuses_a_revision_that_moved_on(url):
    entry = Entry.objects.get(slug="429-rate-limit")

    with pytest.raises(StaleEntryError):
        entry_lock(entry_id=entry.pk, seen_revision=entry.revision - 1)
    assert entry_lock(entry_id=entry.pk, seen_revision=entry.revision) == entry


def test_a_save_that_loses_the_race_after_the_form_check_is_rolled_back(editors, url, monkeypatch):
    first, second = editors
    stale = change_form_data(second.get(url))
    stale["title_en"] = "Bo's title"
    first.post(url, change_form_data(first.get(url)))
    monkeypatch.setattr(
        "errors_kb.forms.entry_admin.current_revision", lambda entry_id: 1
    )  # the form's check saw nothing

    response = second.post(url, stale, follow=True)

    assert STALE in response.content.decode()
    entry = Entry.objects.get(slug="429-rate-limit")
    assert (entry.title_en, entry.revision) == ("Too many requests", 2)
