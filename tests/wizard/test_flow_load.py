"""flow.json loads idempotently, keeps admin edits, refuses broken references, and reaches every condition."""

import copy

import pytest
from django.core.management import CommandError, call_command

from errors_kb.models import Entry
from troubleshooter.wizard.flow_data import flow_export, flow_load, flow_read_file
from troubleshooter.wizard.graph import flow_current
from troubleshooter.wizard.models import Choice, Node


def shipped():
    return copy.deepcopy(flow_read_file())


def node(data, key):
    return next(n for n in data["nodes"] if n["id"] == key)


def test_the_shipped_flow_loads_every_node(guide):
    report = flow_load(data=shipped())

    assert len(report.created) == len(shipped()["nodes"]) == Node.objects.count()


def test_loading_twice_changes_nothing(flow):
    again = flow_load(data=shipped())

    assert (again.created, again.updated, again.skipped_edited) == ([], [], [])
    assert len(again.unchanged) == Node.objects.count()


def test_export_then_load_is_a_no_op(flow):
    report = flow_load(data=flow_export())

    assert report.ok and not report.updated and not report.created


def test_a_node_edited_in_the_admin_is_not_overwritten(flow):
    edited = Node.objects.get(key="q-429")
    edited.text_en = "Quota, billing or credits mentioned anywhere?"
    edited.save()

    report = flow_load(data=shipped())

    assert report.skipped_edited == ["q-429"]
    assert Node.objects.get(key="q-429").text_en == "Quota, billing or credits mentioned anywhere?"


def test_force_overwrites_an_admin_edit(flow):
    Node.objects.filter(key="q-429").update(text_en="edited")

    report = flow_load(data=shipped(), force=True)

    assert "q-429" in report.updated
    assert Node.objects.get(key="q-429").text_en.startswith("Does the message")


def test_a_changed_file_updates_a_node_nobody_edited(flow):
    data = shipped()
    node(data, "q-403")["text"]["en"] = "Does the body mention a country, region or territory?"

    report = flow_load(data=data)

    assert report.updated == ["q-403"]
    assert Node.objects.get(key="q-403").text_en == "Does the body mention a country, region or territory?"


def test_a_choice_pointing_at_a_missing_node_refuses_the_whole_file(guide):
    data = shipped()
    node(data, "q-403")["choices"][0]["next"] = "r-nowhere"

    report = flow_load(data=data)

    assert "q-403: choices[0]: No wizard node has the id “r-nowhere”." in report.errors
    assert Node.objects.count() == 0


def test_a_resolution_of_a_missing_condition_is_refused(guide):
    data = shipped()
    node(data, "r-409-conflict")["condition"] = "409-no-such-condition"

    report = flow_load(data=data)

    assert "r-409-conflict: No guide condition has the slug “409-no-such-condition”." in report.errors
    assert Node.objects.count() == 0


def test_a_missing_translation_is_refused(guide):
    data = shipped()
    node(data, "q-404")["choices"][1]["label"]["ko"] = ""

    report = flow_load(data=data)

    assert "q-404: choices[1].label: missing in ko; every language must be written." in report.errors


def test_a_missing_next_on_a_tool_is_refused(guide):
    data = shipped()
    del node(data, "t-retry-rate")["next"]

    assert "t-retry-rate: A tool or a resolution must say which node comes next." in flow_load(data=data).errors


def test_the_command_reports_and_refuses_a_broken_file(guide, tmp_path, capsys):
    data = shipped()
    node(data, "start")["choices"][0]["next"] = "q-gone"
    path = tmp_path / "flow.json"
    path.write_text(__import__("json").dumps(data))

    with pytest.raises(CommandError, match="1 problem"):
        call_command("load_wizard", file=str(path))
    assert "q-gone" in capsys.readouterr().err


def test_the_command_loads_and_says_what_it_did(guide, capsys):
    call_command("load_wizard")
    call_command("load_wizard")

    assert f"0 created, 0 updated, {Node.objects.count()} unchanged" in capsys.readouterr().out


def test_the_default_flow_reaches_every_condition_of_the_guide(flow):
    """Derived from the guide, so conditions added to it later are covered too."""
    reached = flow_current().conditions_from("start")

    assert set(Entry.objects.conditions().values_list("slug", flat=True)) - reached == set()


def test_every_node_can_be_reached_from_the_start(flow):
    current = flow_current()

    assert set(current.nodes) - set(current.reachable()) == set()


def test_a_node_saved_with_a_missing_next_is_refused_with_a_clear_message(flow):
    from django.core.exceptions import ValidationError

    tool = Node.objects.get(key="t-retry-rate")
    tool.next = "r-missing"

    with pytest.raises(ValidationError, match="No wizard node has the id “r-missing”"):
        tool.full_clean()


def test_a_resolution_saved_with_an_unknown_condition_is_refused(flow):
    from django.core.exceptions import ValidationError

    resolution = Node.objects.get(key="r-409-conflict")
    resolution.condition = "409-typo"

    with pytest.raises(ValidationError, match="No guide condition has the slug “409-typo”"):
        resolution.full_clean()


def test_a_choice_saved_pointing_at_a_missing_node_is_refused(flow):
    from django.core.exceptions import ValidationError

    choice = Choice(node=Node.objects.get(key="q-403"), label="Maybe", next="q-maybe")

    with pytest.raises(ValidationError, match="No wizard node has the id “q-maybe”"):
        choice.full_clean()


def test_an_admin_edit_is_kept_in_the_history(flow, admin_client):
    resolution = Node.objects.get(key="q-403")
    resolution.text_en = "Country, region or territory in the body?"
    resolution.save()

    assert resolution.history.count() == 2
    assert admin_client.get(f"/admin/wizard/node/{resolution.pk}/history/").status_code == 200
