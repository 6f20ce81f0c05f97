"""The diagnoser reads its vocabulary from the database: a change reaches the next diagnosis once committed."""

import pytest

from errors_kb.diagnose import diagnose_text
from errors_kb.models import Concept, ConceptEntry, Entry

pytestmark = pytest.mark.django_db

REGION_IN_CHINESE = "接口报错：当前地区限制，无法使用"


def test_deleting_a_concept_changes_the_diagnosis_once_committed(diagnose_rules, django_capture_on_commit_callbacks):
    assert diagnose_text(REGION_IN_CHINESE).best.condition == "403-unsupported-region"

    with django_capture_on_commit_callbacks(execute=True):
        Concept.objects.get(name="region").delete()

    best = diagnose_text(REGION_IN_CHINESE).best
    assert best is None or best.condition != "403-unsupported-region"


def test_a_concept_points_to_another_entry_once_its_link_changes(diagnose_rules, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ConceptEntry.objects.filter(concept__name="region").update(
            entry=Entry.objects.get(slug="401-incorrect-api-key")
        )
        Concept.objects.get(name="region").save()  # a bulk update sends no signal; the admin saves the row

    assert diagnose_text(REGION_IN_CHINESE).best.condition == "401-incorrect-api-key"


def test_a_sign_of_a_failed_api_call_lets_a_text_through_the_gate(diagnose_rules, django_capture_on_commit_callbacks):
    text = "Error: insufficient balance on the frobnicator gateway"
    assert diagnose_text(text).best is None

    signs = Concept.objects.get(role=Concept.Role.API_SIGNS)
    with django_capture_on_commit_callbacks(execute=True):
        signs.wordings_en += "\nfrobnicator gateway"
        signs.save()

    assert diagnose_text(text).best.condition == "429-quota-exceeded"


def test_without_any_vocabulary_the_diagnoser_still_answers(diagnose_rules, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Concept.objects.all().delete()

    assert diagnose_text("openai.RateLimitError: Error code: 429 - {'error': {'code': 'insufficient_quota'}}").best
