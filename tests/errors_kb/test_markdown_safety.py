import pytest

from errors_kb.models import Entry, Step
from troubleshooter.lib.markdown import render_markdown

HOSTILE = (
    "Hello <script>alert(1)</script>\n\n"
    '<img src="x" onerror="alert(2)">\n\n'
    '[click me](javascript:alert(3)) and <a href="javascript:alert(4)">here</a>'
)


def assert_harmless(html):
    lowered = html.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered
    assert "javascript:" not in lowered


def test_the_renderer_drops_scripts_handlers_and_javascript_links():
    html = render_markdown(HOSTILE)

    assert_harmless(html)
    assert "Hello" in html and "click me" in html


@pytest.mark.django_db
def test_the_admin_preview_shows_hostile_markdown_harmlessly(admin_client, small_guide):
    entry = Entry.objects.get(slug="429-rate-limit")
    entry.solution_ko = HOSTILE
    entry.save()
    Step.objects.filter(entry=entry).update(text_zh_hans=HOSTILE)

    response = admin_client.get(f"/admin/errors_kb/entry/{entry.pk}/preview/")

    page = response.content.decode()
    content = page.split('id="preview-en"')[1]  # the admin's own scripts come before the previews
    assert response.status_code == 200
    assert content.count("Hello") == 2
    assert_harmless(content)
