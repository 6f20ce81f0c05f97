"""manage.py check_connection: the probe for scripts and CI; JSON contract, exit status, no key printed."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.usefixtures("diagnose_rules")
KEY = "sk-sim-ok-abcdefghijklmnop0123"


def run(monkeypatch, base_url, key, *args):
    monkeypatch.setenv("PROBE_KEY", key)
    out = io.StringIO()
    try:
        call_command("check_connection", "--base-url", base_url, "--key-env", "PROBE_KEY", *args, stdout=out)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue()


def test_a_healthy_api_exits_zero_with_a_null_condition(monkeypatch, openai_simulator):
    status, output = run(monkeypatch, openai_simulator, KEY, "--json", "--model", "gpt-4o")
    document = json.loads(output)
    assert status == 0
    assert document["condition"] is None
    assert [stage["name"] for stage in document["stages"]] == ["dns", "tcp", "models", "model"]
    assert KEY not in output


def test_an_unhealthy_api_exits_non_zero_and_names_the_condition(monkeypatch, openai_simulator):
    key = "sk-sim-429-quota-exceeded"
    status, output = run(monkeypatch, openai_simulator, key, "--json")
    assert status == 1
    assert json.loads(output)["condition"] == "429-quota-exceeded"
    assert key not in output


def test_the_plain_output_lists_the_stages_and_the_verdict(monkeypatch, openai_simulator):
    status, output = run(monkeypatch, openai_simulator, "sk-sim-401-incorrect-api-key")
    assert status == 1
    assert "FAIL models" in output
    assert output.strip().endswith("failing: 401-incorrect-api-key")
    assert "sk-sim-401-incorrect-api-key" not in output


def test_an_empty_key_variable_is_a_clear_error(monkeypatch, openai_simulator):
    monkeypatch.delenv("NO_SUCH_KEY_VARIABLE", raising=False)
    with pytest.raises(CommandError, match="NO_SUCH_KEY_VARIABLE"):
        call_command("check_connection", "--base-url", openai_simulator, "--key-env", "NO_SUCH_KEY_VARIABLE")
