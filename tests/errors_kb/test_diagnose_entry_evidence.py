"""Codes, types, statuses and exception names are read from each entry's own fields, not from rule rows."""

import importlib

import pytest

from errors_kb.diagnose import diagnose_text
from errors_kb.guide_validation import guide_validate
from errors_kb.models import Entry, MatchRule
from tests.errors_kb.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

evidence_migration = importlib.import_module("errors_kb.migrations.0005_entry_evidence")


def _save(entry, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        for name, value in fields.items():
            setattr(entry, name, value)
        entry.save()


def test_no_shipped_rule_repeats_a_code_type_status_or_exception(diagnose_rules):
    assert set(MatchRule.objects.values_list("field", flat=True)) <= {"message", "text"}


def test_a_status_only_one_condition_lists_is_enough_to_name_it(diagnose_rules):
    diagnosis = diagnose_text("openai.ConflictError: Error code: 409")
    assert diagnosis.best.condition == "409-conflict"
    assert "HTTP status 409" in diagnosis.best.evidence


def test_an_entry_becomes_diagnosable_by_its_status_and_exception_without_rules(
    diagnose_rules, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Entry.objects.create(
            slug="418-teapot", kind="condition", title="Teapot", http_status=418, client_exceptions=["TeapotError"]
        )
    by_status = diagnose_text("HTTP/1.1 418 I'm a teapot")
    by_exception = diagnose_text("Traceback (most recent call last):\nbrewer.TeapotError: Error code: 418")
    assert by_status.best.condition == "418-teapot"
    assert by_exception.best.condition == "418-teapot"
    assert "exception TeapotError" in by_exception.best.evidence


def test_the_evidence_weight_orders_the_conditions_a_bare_status_leaves_open(
    diagnose_rules, django_capture_on_commit_callbacks
):
    bare = "Error: Request failed with status code 429"
    assert diagnose_text(bare).best.condition == "429-rate-limit"
    _save(Entry.objects.get(slug="429-quota-exceeded"), django_capture_on_commit_callbacks, evidence_weight=0.9)
    assert diagnose_text(bare).best.condition == "429-quota-exceeded"


def test_another_status_an_entry_lists_counts_for_it(diagnose_rules, django_capture_on_commit_callbacks):
    assert diagnose_text("HTTP/1.1 529 Site is overloaded").best.condition == "503-engine-overloaded"
    _save(Entry.objects.get(slug="503-engine-overloaded"), django_capture_on_commit_callbacks, other_statuses=[])
    assert not any(m.condition == "503-engine-overloaded" for m in diagnose_text("HTTP/1.1 529").matches)


def test_an_exception_whose_page_names_another_status_counts_less():
    # 403-permission-denied lists openai.AuthenticationError (roles sent as 401), but a bare
    # AuthenticationError is first of all a 401.
    diagnosis = diagnose_text("openai.AuthenticationError: Error code: 401")
    conditions = [m.condition for m in diagnosis.matches]
    assert conditions[0].startswith("401-")
    assert "403-permission-denied" not in conditions[:3]


def test_the_guide_file_refuses_a_status_rule_and_a_wild_status(shipped_guide):
    errors = []
    entry = {
        "slug": "x-status",
        "other_statuses": [700],
        "evidence_weight": 2,
        "match_rules": [{"field": "status", "pattern": "^429$", "weight": 0.3}],
        "text": {lang: {"title": "x"} for lang in ("en", "zh-hans", "ko")},
    }
    guide_validate(data={"format": 1, "entries": [entry]}, errors=errors)
    where = " ".join(f"{e.slug} {e.message}" for e in errors)
    assert "match_rules[0].field" in where
    assert "other_statuses" in where and "evidence_weight" in where


def test_the_admin_refuses_a_status_that_is_not_a_number_in_the_users_language(admin_client, diagnose_rules):
    entry = Entry.objects.get(slug="502-bad-gateway")
    url = f"/admin/errors_kb/entry/{entry.pk}/change/"
    data = change_form_data(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="ko"))
    data["other_statuses"] = "520\nfive hundred"

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code == 200
    assert "100부터 599까지" in response.content.decode()
    entry.refresh_from_db()
    assert entry.other_statuses == [520, 521, 523]


def test_the_migration_moves_status_and_exception_rules_into_the_entry_fields():
    weight, others, client = evidence_migration.evidence_fields(
        http_status=502,
        sdk_exceptions=["openai.InternalServerError"],
        rules=[
            ("status", "^502$", 0.75),
            ("status", "^520$", 0.6),
            ("exception", "^(?:InternalServerError|ConnectError|socket\\.gaierror|Odd(?:Proxy)?)$", 0.1),
        ],
    )
    assert (weight, others, client) == (0.75, [520], ["ConnectError", "socket.gaierror"])
    only_exceptions = evidence_migration.evidence_fields(
        http_status=None, sdk_exceptions=[], rules=[("exception", "^ReadTimeout$", 0.6)]
    )
    assert only_exceptions == (0.75, [], ["ReadTimeout"])


def test_a_numeric_code_in_a_gateways_body_counts_as_its_status_not_as_a_cause(diagnose_rules):
    text = 'Error code: 404 - {"error": {"message": "No endpoints found for acme/model-x:free.", "code": 404}}'
    assert diagnose_text(text).best.condition == "404-model-not-found"
