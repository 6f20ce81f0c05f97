"""The entry form for guide editors: lists edited as lists, search terms per language, the site's name,
and the scheduler's tables out of their way."""

import pytest
from django.contrib.auth.models import Permission, User

from errors_kb.models import Entry
from errors_kb.selectors import entry_search
from tests.errors_kb.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def change_url(slug):
    return f"/admin/errors_kb/entry/{Entry.objects.get(slug=slug).pk}/change/"


def test_verbatim_lists_are_edited_one_item_per_line_and_examples_per_block(admin_client, small_guide):
    url = change_url("429-rate-limit")
    response = admin_client.get(url)
    assert "[" not in response.context["adminform"].form["error_codes"].value()
    data = change_form_data(response)
    data["api_messages"] = "Rate limit reached.\r\nPlease try again in 20s."
    data["examples"] = "first example\r\n---\r\nTraceback (most recent call last):\r\n  File x\r\n"

    saved = admin_client.post(url, data)

    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    entry = Entry.objects.get(slug="429-rate-limit")
    assert entry.api_messages == ["Rate limit reached.", "Please try again in 20s."]
    assert entry.examples == ["first example", "Traceback (most recent call last):\n  File x"]


def test_search_terms_edited_in_the_admin_are_searched_at_once(admin_client, small_guide):
    url = change_url("429-rate-limit")
    data = change_form_data(admin_client.get(url))
    data["search_terms_zh_hans"] = "接口被掐了\r\n调用次数太多"

    assert admin_client.post(url, data).status_code == 302
    assert [entry.slug for entry in entry_search(query="接口被掐了")][0] == "429-rate-limit"


def test_the_admin_carries_the_site_name(admin_client):
    html = admin_client.get("/admin/").content.decode()

    assert "Troubleshooter" in html
    assert "Django administration" not in html


def test_guide_editors_do_not_see_the_scheduler_tables(client, admin_client):
    editor = User.objects.create_user("editor", password="x-long-password-1", is_staff=True)
    editor.user_permissions.set(Permission.objects.all())
    client.force_login(editor)

    assert "periodictask" not in client.get("/admin/").content.decode()
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 403
    assert "periodictask" in admin_client.get("/admin/").content.decode()
