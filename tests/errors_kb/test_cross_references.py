"""``[[slug]]`` in an entry's text links to that entry, titled in the page's language."""

import pytest

from errors_kb.guide_file import guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def referring_entry(small_guide):
    entry = Entry.objects.get(slug="429-quota-exceeded")
    entry.cause_en = "Unlike [[429-rate-limit]], waiting does not help. See [[no-such-entry]]."
    entry.cause_zh_hans = "与 [[429-rate-limit]] 不同，等待没有用。"
    entry.save()
    return entry


def test_the_reference_is_a_link_with_the_title_in_the_page_language(client, referring_entry):
    english = client.get("/en/errors/429-quota-exceeded/").content.decode()
    chinese = client.get("/zh-hans/errors/429-quota-exceeded/").content.decode()

    assert '<a href="/en/errors/429-rate-limit/">Too many requests</a>' in english
    assert '<a href="/zh-hans/errors/429-rate-limit/">' in chinese
    assert "[[" not in english and "[[" not in chinese


def test_an_unknown_slug_stays_plain_text(client, referring_entry):
    html = client.get("/en/errors/429-quota-exceeded/").content.decode()

    assert "See no-such-entry." in html


def test_the_api_gives_the_reference_as_a_markdown_link(client, referring_entry):
    cause = client.get("/api/errors/429-quota-exceeded", {"lang": "en"}).json()["cause"]

    assert "[Too many requests](http://testserver/en/errors/429-rate-limit/)" in cause


def test_the_loader_reports_references_to_entries_that_do_not_exist(empty_guide):
    from tests.errors_kb.factories import SMALL_GUIDE

    data = guide_read_file(SMALL_GUIDE)
    data["entries"][0]["text"]["ko"]["body"] = "[[429-rate-limit]] 와 [[gone-entry]] 참고."

    report = guide_load(data=data)

    assert report.ok
    assert report.unknown_cross_references == [(data["entries"][0]["slug"], "gone-entry")]
