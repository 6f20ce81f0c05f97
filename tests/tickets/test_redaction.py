"""The one redaction module: keys of every shape out, wherever they stand; ids support needs kept."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.tickets.secrets import CONTEXTS, api_keys, leaked_parts, surroundings, wrapped
from troubleshooter.lib.redact import mask_key, mask_secrets, redact


@settings(max_examples=300, deadline=None)
@given(key=api_keys(), context=st.sampled_from(CONTEXTS), before=surroundings, after=surroundings)
def test_no_generated_key_survives_in_any_context(key, context, before, after):
    text = before + context(key) + " " + after
    assert leaked_parts(key, mask_secrets(text), noise=before + context("") + after) == []


@settings(max_examples=200, deadline=None)
@given(
    key=api_keys(), at=st.integers(min_value=1, max_value=200), context=st.sampled_from(CONTEXTS[:4] + CONTEXTS[8:10])
)
def test_a_key_wrapped_across_lines_is_removed_whole(key, at, context):
    text = context(wrapped(key, at))
    assert leaked_parts(key, mask_secrets(text)) == []


@settings(max_examples=200, deadline=None)
@given(key=api_keys(), context=st.sampled_from(CONTEXTS), before=surroundings)
def test_redacting_twice_changes_nothing_more(key, context, before):
    once = mask_secrets(before + context(key))
    assert mask_secrets(once) == once


@settings(max_examples=200, deadline=None)
@given(key=api_keys(), context=st.sampled_from(CONTEXTS))
def test_every_removal_marks_a_fingerprint_in_the_redacted_text(key, context):
    result = redact(context(key))
    assert result.removals
    for removal in result.removals:
        assert "…" in result.text[removal.start : removal.end]


def test_the_fingerprint_keeps_the_prefix_and_the_last_four_characters():
    key = "sk-proj-" + "A1b2C3d4" * 6 + "wxyz"
    assert mask_secrets(f"key {key} failed") == "key sk-proj-…wxyz failed"
    assert mask_key(key) == "sk-…wxyz"


def test_organization_project_and_request_ids_are_kept():
    text = (
        "OpenAI-Organization: org-AbCdEf0123456789\nOpenAI-Project: proj_AbCdEf0123456789\n"
        "x-request-id: req_0123456789abcdef0123456789abcdef"
    )
    assert mask_secrets(text) == text


def test_any_json_field_that_names_a_secret_loses_its_value():
    body = json.dumps(
        {"client_secret": "s3cr3t-value-here-1234", "password": "hunter2", "refresh_token": "abc.def.ghij", "n": 1}
    )
    redacted = json.loads(mask_secrets(body))
    assert redacted == {"client_secret": "…1234", "password": "…", "refresh_token": "…", "n": 1}


def test_token_counts_are_not_secrets():
    body = '{"max_tokens": 100, "usage": {"prompt_tokens": 5, "total_tokens": 9}}'
    assert mask_secrets(body) == body


def test_cookies_and_authorization_schemes_are_removed():
    text = "Cookie: __cf_bm=abc123def; _cfuvid=xyz\nProxy-Authorization: Basic dXNlcjpwYXNzd29yZA=="
    assert mask_secrets(text) == "Cookie: …\nProxy-Authorization: Basic …ZA=="


def test_a_word_after_a_key_at_the_end_of_a_line_is_not_taken_for_its_rest():
    text = "Incorrect API key provided: sk-AbCdEfGhIjKlMnOpQrStUv12\nTraceback (most recent call last):"
    assert mask_secrets(text) == "Incorrect API key provided: sk-…Uv12\nTraceback (most recent call last):"


def test_the_api_s_own_masked_key_is_left_for_the_diagnoser():
    text = "Incorrect API key provided: sk-qtKGh***************************************xymX."
    assert mask_secrets(text) == text
