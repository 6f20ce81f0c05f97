"""load_guide loads the diagnoser's vocabulary too: idempotent, and never over an admin's edit unless forced."""

import copy
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from errors_kb.guide_file import guide_dumps
from errors_kb.models import Concept, ConceptEntry
from errors_kb.vocabulary_file import vocabulary_export, vocabulary_read_file
from errors_kb.vocabulary_loading import vocabulary_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(shipped_guide):
    return vocabulary_read_file()


def load_guide(*args):
    out = StringIO()
    call_command("load_guide", *args, stdout=out)
    return out.getvalue()


def concept_history():
    return Concept.history.count() + ConceptEntry.history.count()


def test_the_shipped_vocabulary_loads_every_concept_with_its_entries(shipped):
    assert set(Concept.objects.values_list("name", flat=True)) == set(shipped["concepts"])
    region = Concept.objects.get(name="region")
    assert region.label_ko == "지원되지 않는 국가·지역에 관한 문구"
    assert "지원되지 않는 (?:국가|지역)" in region.wording_lines("ko")
    assert list(region.entry_links.values_list("entry__slug", "weight")) == [("403-unsupported-region", 0.8)]


def test_loading_again_changes_nothing(shipped):
    history = concept_history()

    output = load_guide()

    assert f"Vocabulary: 0 created, 0 updated, {len(shipped['concepts'])} unchanged, 0 skipped" in output
    assert concept_history() == history


def test_a_changed_file_updates_an_untouched_concept(shipped):
    changed = copy.deepcopy(shipped)
    changed["concepts"]["region"]["wordings"]["en"].append("geo-?blocked")
    changed["concepts"]["region"]["entries"]["403-unsupported-region"] = 0.6

    report = vocabulary_load(data=changed)

    assert report.updated == ["region"]
    region = Concept.objects.get(name="region")
    assert "geo-?blocked" in region.wording_lines("en")
    assert region.entry_links.get().weight == 0.6


def test_an_admin_edit_is_kept_by_the_next_load_and_force_overwrites_it(shipped):
    region = Concept.objects.get(name="region")
    region.wordings_ko += "\n나라에서는 서비스를 쓸 수 없"
    region.save()

    output = load_guide()

    assert "1 skipped (edited in the admin)" in output
    assert "  region" in output
    assert "나라에서는 서비스를 쓸 수 없" in Concept.objects.get(name="region").wordings_ko

    output = load_guide("--force")

    assert "Vocabulary: 0 created, 1 updated" in output
    assert "나라에서는 서비스를 쓸 수 없" not in Concept.objects.get(name="region").wordings_ko


def test_a_weight_changed_in_the_admin_counts_as_an_edit(shipped):
    ConceptEntry.objects.filter(concept__name="region").update(weight=0.3)

    report = vocabulary_load(data=shipped)

    assert report.skipped_edited == ["region"]
    assert ConceptEntry.objects.get(concept__name="region").weight == 0.3


def test_a_concept_added_in_the_admin_is_left_alone(shipped):
    Concept.objects.create(name="gateway words", role=Concept.Role.API_CONTEXT, wordings_en="gateway")

    report = vocabulary_load(data=shipped)

    assert report.created == report.updated == report.skipped_edited == []
    assert Concept.objects.filter(name="gateway words").exists()


def test_an_export_loads_back_as_no_change(shipped):
    region = Concept.objects.get(name="region")
    region.wordings_en += "\ngeo-?blocked"
    region.save()
    exported = vocabulary_export()

    report = vocabulary_load(data=exported)

    assert report.unchanged == sorted(shipped["concepts"], key=lambda name: (shipped["concepts"][name]["role"], name))
    assert report.skipped_edited == report.updated == []
    assert vocabulary_export() == exported
    # Its loaded checksum now matches the edit: the next load of the shipped file may overwrite it.
    assert vocabulary_load(data=shipped).updated == ["region"]


def test_the_shipped_file_is_what_an_export_of_a_fresh_install_writes(shipped):
    from errors_kb.vocabulary_file import DEFAULT_VOCABULARY_PATH

    assert guide_dumps(vocabulary_export()) == DEFAULT_VOCABULARY_PATH.read_text(encoding="utf-8")


def test_an_invalid_wording_in_the_file_loads_nothing(shipped, tmp_path):
    broken = copy.deepcopy(shipped)
    broken["concepts"]["region"]["wordings"]["en"].append("unsupported (region")
    line = len(broken["concepts"]["region"]["wordings"]["en"])
    broken["concepts"]["new concept"] = {"role": "entries", "label": {"en": "new"}, "wordings": {"en": ["new"]}}
    path = tmp_path / "vocabulary.json"
    path.write_text(guide_dumps(broken), encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError, match="1 validation error"):
        call_command("load_guide", "--vocabulary", str(path), stdout=StringIO(), stderr=err)

    assert f"region: wordings_en: Line {line}, “unsupported (region”: not a valid regular expression" in err.getvalue()
    assert not Concept.objects.filter(name="new concept").exists()


def test_a_gate_concept_that_names_entries_loads_nothing(shipped):
    broken = copy.deepcopy(shipped)
    broken["concepts"]["API context"]["entries"] = {"timeout": 0.5}

    report = vocabulary_load(data=broken)

    assert [str(error) for error in report.errors] == [
        "API context: Only a concept that points to entries can name entries: change its role or remove the entries."
    ]


def test_a_link_to_an_entry_that_does_not_exist_is_left_out_and_reported(shipped, tmp_path):
    changed = copy.deepcopy(shipped)
    changed["concepts"]["region"]["entries"]["no-such-entry"] = 0.5
    path = tmp_path / "vocabulary.json"
    path.write_text(guide_dumps(changed), encoding="utf-8")

    output = load_guide("--vocabulary", str(path))

    assert "region: entry 'no-such-entry' does not exist; link left out." in output
    assert list(ConceptEntry.objects.filter(concept__name="region").values_list("entry__slug", flat=True)) == [
        "403-unsupported-region"
    ]


def test_every_shipped_concept_that_points_to_entries_has_a_label_in_each_language(shipped):
    for name, concept in shipped["concepts"].items():
        if concept["role"] == "entries":
            assert concept["entries"], name
            assert all(concept["label"][code] for code in ("en", "zh-hans", "ko")), name
