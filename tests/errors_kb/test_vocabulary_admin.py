"""The diagnoser's vocabulary edited in the admin: wordings per language, entries and weights, history, export."""

import json

import pytest

from errors_kb.diagnose import diagnose_text
from errors_kb.models import Concept, ConceptEntry, Entry
from tests.errors_kb.admin_forms import change_form_data, inline_prefix

pytestmark = pytest.mark.django_db

UNSUPPORTED_COUNTRY_IN_KOREAN = "OpenAI API 오류: 이 나라에서는 서비스를 쓸 수 없어요"


def change_url(name):
    return f"/admin/errors_kb/concept/{Concept.objects.get(name=name).pk}/change/"


def test_a_korean_wording_added_in_the_admin_names_the_concepts_entry(
    admin_client, diagnose_rules, django_capture_on_commit_callbacks
):
    assert diagnose_text(UNSUPPORTED_COUNTRY_IN_KOREAN).best.condition != "403-unsupported-region"
    url = change_url("region")
    data = change_form_data(admin_client.get(url))
    data["wordings_ko"] += "\n나라에서는 서비스를 쓸 수 없"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)

    assert response.status_code == 302
    diagnosis = diagnose_text(UNSUPPORTED_COUNTRY_IN_KOREAN, language="ko")
    assert diagnosis.best.condition == "403-unsupported-region"
    assert "지원되지 않는 국가·지역에 관한 문구" in diagnosis.best.evidence


def test_an_invalid_wording_is_refused_with_a_message_in_the_editors_language(admin_client, diagnose_rules):
    url = change_url("region")
    data = change_form_data(admin_client.get(url))
    data["wordings_zh_hans"] += "\n(地区"

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="ko")

    page = response.content.decode()
    assert response.status_code == 200  # the form comes back, nothing saved
    assert "번째 줄 “(地区”: 올바른 정규 표현식이 아닙니다" in page
    assert "(地区" not in Concept.objects.get(name="region").wordings_zh_hans


def test_a_weight_outside_minus_one_to_one_is_refused(admin_client, diagnose_rules):
    url = change_url("region")
    form = admin_client.get(url)
    data = change_form_data(form)
    data[f"{inline_prefix(form, ConceptEntry)}-0-weight"] = "1.5"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "The weight must be between -1 and 1" in response.content.decode()
    assert ConceptEntry.objects.get(concept__name="region").weight == 0.8


def test_a_concept_that_points_to_entries_needs_an_english_label(admin_client, db):
    entry = Entry.objects.create(slug="some-condition", title_en="Some condition")
    response = admin_client.post(
        "/admin/errors_kb/concept/add/",
        {
            "name": "no label",
            "role": Concept.Role.ENTRIES,
            "wordings_en": "something odd",
            "entry_links-TOTAL_FORMS": "1",
            "entry_links-INITIAL_FORMS": "0",
            "entry_links-0-entry": str(entry.pk),
            "entry_links-0-weight": "0.5",
        },
    )

    assert response.status_code == 200
    assert "needs an English label" in response.content.decode()
    assert not Concept.objects.filter(name="no label").exists()


def test_the_list_shows_role_and_wording_count_and_filters_by_role(admin_client, diagnose_rules):
    page = admin_client.get("/admin/errors_kb/concept/", {"role__exact": "entries"}).content.decode()

    assert "region" in page
    assert "403-unsupported-region (0.8)" in page
    assert "points to entries" in page
    assert "signs of a failed API call" not in page
    region = Concept.objects.get(name="region")
    wordings = sum(len(region.wording_lines(code)) for code in ("en", "zh-hans", "ko"))
    assert f'<td class="field-wording_count">{wordings}</td>' in page


def test_the_list_finds_a_concept_by_a_korean_wording(admin_client, diagnose_rules):
    page = admin_client.get("/admin/errors_kb/concept/", {"q": "속도 제한"}).content.decode()

    assert "rate, TPM and RPM" in page
    assert "region" not in page


def test_the_change_form_has_a_tab_per_language_and_picks_entries_by_autocomplete(admin_client, diagnose_rules):
    page = admin_client.get(change_url("region"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    for column in ("wordings_en", "wordings_zh_hans", "wordings_ko", "label_en", "label_zh_hans", "label_ko"):
        assert f'name="{column}"' in page
    assert "admin-autocomplete" in page
    assert "js/admin_tabs.js" in page
    assert "各语言" in page  # the section's title, translated


def test_the_history_page_shows_who_changed_which_wording(admin_client, admin_user, diagnose_rules):
    url = change_url("region")
    data = change_form_data(admin_client.get(url))
    data["wordings_en"] += "\nblocked in your location"
    admin_client.post(url, data)

    record = Concept.history.filter(name="region").latest()
    assert record.history_user == admin_user
    assert "blocked in your location" in record.wordings_en
    page = admin_client.get(url.replace("/change/", "/history/"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "<ins>" in page and "blocked in your location" in page


def test_the_history_page_shows_the_entries_and_weights_of_each_version(admin_client, diagnose_rules):
    url = change_url("region")
    form = admin_client.get(url)
    data = change_form_data(form)
    data[f"{inline_prefix(form, ConceptEntry)}-0-weight"] = "0.5"
    admin_client.post(url, data)

    page = admin_client.get(url.replace("/change/", "/history/")).content.decode()

    newest, loaded = page.index("403-unsupported-region (0.5)"), page.index("403-unsupported-region (0.8)")
    assert newest < loaded  # newest first


def test_the_export_button_downloads_the_vocabulary_as_the_loader_reads_it(admin_client, diagnose_rules):
    assert "/admin/errors_kb/concept/export/" in admin_client.get("/admin/errors_kb/concept/").content.decode()

    response = admin_client.get("/admin/errors_kb/concept/export/")

    assert response["Content-Disposition"] == 'attachment; filename="diagnosis_vocabulary.json"'
    data = json.loads(response.content)
    assert data["concepts"]["region"]["entries"] == {"403-unsupported-region": 0.8}
    assert data["concepts"]["signs of a failed API call"]["role"] == "api_signs"


def test_a_concept_that_does_not_point_to_entries_cannot_name_one(admin_client, diagnose_rules):
    signs = Concept.objects.get(role=Concept.Role.API_SIGNS)
    url = change_url(signs.name)
    data = change_form_data(admin_client.get(url))
    data.update(
        {
            "entry_links-TOTAL_FORMS": "1",
            "entry_links-0-entry": str(Entry.objects.get(slug="timeout").pk),
            "entry_links-0-weight": "0.5",
        }
    )

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 200
    assert "只有指向条目的概念才能列出条目" in response.content.decode()
    assert not signs.entry_links.exists()
