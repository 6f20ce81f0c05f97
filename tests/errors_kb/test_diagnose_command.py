"""manage.py diagnose [TEXT] [--json]: argument, stdin, JSON."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db
TEXT = "openai.APITimeoutError: Request timed out."


def run(*args, stdin=None, monkeypatch=None):
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("diagnose", *args, stdout=out)
    return out.getvalue()


def test_it_summarises_the_text_given_as_an_argument(diagnose_rules):
    output = run(TEXT)
    assert "timeout" in output.splitlines()[0]
    assert "exception: openai.APITimeoutError" in output


def test_it_reads_stdin_when_no_text_is_given(diagnose_rules, monkeypatch):
    output = run(stdin="Error code: 429 - {'error': {'code': 'insufficient_quota'}}", monkeypatch=monkeypatch)
    assert "429-quota-exceeded" in output.splitlines()[0]


def test_it_prints_the_api_json(diagnose_rules):
    data = json.loads(run(TEXT, "--json"))
    assert data["matches"][0]["condition"] == "timeout"
    assert data["extracted"]["exception"] == "openai.APITimeoutError"


def test_it_says_when_the_text_is_ambiguous(diagnose_rules):
    assert "Ambiguous" in run("HTTP 429")


def test_it_refuses_an_empty_text():
    with pytest.raises(CommandError, match="Paste an error"):
        run("  ")


def test_it_prints_the_fix_steps_and_the_link_of_the_best_entry(diagnose_rules):
    from errors_kb.models import Entry

    entry = Entry.objects.get(slug="429-quota-exceeded")
    steps = [step.text for step in entry.steps.all()]
    output = run("Error code: 429 - {'error': {'code': 'insufficient_quota'}}", "--base-url", "https://ts.example/")
    assert "https://ts.example/en/errors/429-quota-exceeded/" in output
    assert steps and all(step in output for step in steps)


def test_a_bare_429_leads_with_what_tells_quota_and_rate_limit_apart(diagnose_rules):
    lines = run("HTTP 429").splitlines()
    assert "insufficient_quota" in lines[1] and "rate_limit_exceeded" in lines[1]


def test_it_says_what_to_paste_for_a_text_that_is_not_an_api_error(diagnose_rules):
    output = run("request took 500 ms")
    assert "No known condition matches this text." in output
    assert "does not look like a failed API call" in output
