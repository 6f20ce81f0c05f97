"""The history's word diff: the changed words marked, the rest folded, CJK readable, HTML escaped."""

import re

from errors_kb.text_diff import FOLD, diff_html

LONG = (
    "When the organization has used up its prepaid credit, every request answers 429 with the code "
    "insufficient_quota. Waiting does not help: add credit on the billing page, or raise the monthly budget. "
)


def test_a_one_word_edit_in_a_long_text_shows_that_word_and_a_little_around_it():
    old = LONG * 3 + "Then retry the request."
    new = LONG * 3 + "Then resend the request."

    html = diff_html(old, new)

    assert "<del>retry</del><ins>resend</ins>" in html
    assert "Then " in html and " the request." in html
    assert html.startswith(FOLD)
    assert len(html) < 200


def test_added_and_removed_paragraphs_keep_their_line_breaks():
    html = diff_html("Step one.\n\nStep two.", "Step one.\n\nA new step.\n\nStep two.")

    assert re.search(r"<ins>[^<]*A new step[^<]*</ins>", html)
    assert "↵" in html  # the added line breaks are visible
    assert html.endswith("Step two.")


def test_chinese_is_compared_character_by_character():
    html = diff_html("打开账单页面，然后充值。", "打开账单页面，然后提高预算。")

    assert "打开账单页面，然后" in html
    assert "<del>充值</del><ins>提高预算</ins>" in html


def test_korean_is_compared_word_by_word():
    html = diff_html("결제 페이지를 엽니다.", "설정 페이지를 엽니다.")

    assert "<del>결제</del><ins>설정</ins> 페이지를 엽니다." in html


def test_the_texts_are_escaped():
    html = diff_html("<b>old</b>", "<script>alert(1)</script>")

    assert "<b>" not in html and "<script" not in html
    assert "&lt;" in html and "alert(1)" in html
