"""diagnosis_vocabulary.json, the file: reading it, checking it, writing it, and each concept's canonical dict.

The file holds every concept by name::

    {"about": "…", "concepts": {"region": {"role": "entries",
                                          "label": {"en": "…", "zh-hans": "…", "ko": "…"},
                                          "wordings": {"en": ["regex", …], "zh-hans": […], "ko": […]},
                                          "entries": {"403-unsupported-region": 0.8}}}}

A concept's *canonical dict* is exactly what ``vocabulary_export`` writes for it (every
language present, weights as floats); a file concept is brought to the same dict before
comparing, so export → load changes nothing. ``concept_checksum`` of that dict is how a
load tells an untouched concept from one an admin edited.
"""

import hashlib
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from errors_kb.guide_file import guide_read_file, languages, localized
from errors_kb.guide_validation import GuideError
from errors_kb.models import ENTRIES_ONLY_WHEN_POINTING, Concept, ConceptEntry

DEFAULT_VOCABULARY_PATH = Path(__file__).resolve().parent / "data" / "diagnosis_vocabulary.json"
ABOUT = (
    "Wordings the diagnoser reads as data, in the three languages; edited in the admin "
    "(concepts of the diagnoser), loaded by manage.py load_guide. Each wording is a case-insensitive "
    "regular expression. Roles: entries, the concept is evidence for the entries it names, with a weight "
    "like a match rule's; api_signs, wordings only a failed HTTP API call produces (the gate lets such a "
    "text through); api_context, words that put a generic failure (timeout, refused, not found) in an API's world; "
    "llm_context, words only an LLM API's world uses (providers, models, LLM apps), API context too; other_apis, "
    "names and addresses of services that are not LLM APIs (a text naming one without an LLM word, the LLM APIs' "
    "error codes included, is that service's failure)."
)
CONCEPT_KEYS = {"role", "label", "wordings", "entries"}


def vocabulary_read_file(path=DEFAULT_VOCABULARY_PATH):
    """The file as a dict; ``GuideFileError`` with a clear message when it cannot be read as JSON."""
    return guide_read_file(path)


def concept_export(concept):
    """The concept as the file holds it (its entry links prefetched or not)."""
    return {
        "role": concept.role,
        "label": {lang: getattr(concept, localized("label", lang)) or "" for lang in languages()},
        "wordings": {lang: concept.wording_lines(lang) for lang in languages()},
        "entries": {link.entry.slug: float(link.weight) for link in concept.entry_links.all()},
    }


def vocabulary_export():
    concepts = Concept.objects.prefetch_related("entry_links__entry")
    return {"about": ABOUT, "concepts": {concept.name: concept_export(concept) for concept in concepts}}


def concept_checksum(canonical):
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- checking a file


def _is_string_list(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _per_language(raw, *, key, valid, problems):
    """``raw`` ({language: value}) with every language present; problems named by key and language."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problems.append(_("“%(key)s” must be an object with one key per language.") % {"key": key})
        return None
    unknown = sorted(set(raw) - set(languages()))
    if unknown:
        problems.append(
            _("“%(key)s” names unknown languages %(unknown)s; valid: %(valid)s.")
            % {"key": key, "unknown": ", ".join(unknown), "valid": ", ".join(languages())}
        )
    result = {}
    for lang in languages():
        value = raw.get(lang)
        if value is not None and not valid(value):
            problems.append(_("“%(key)s.%(language)s” has the wrong type.") % {"key": key, "language": lang})
        result[lang] = value
    return result


def _concept_canonical(name, raw, problems):
    if not isinstance(raw, dict):
        problems.append(_("a concept must be an object."))
        return None
    unknown = sorted(set(raw) - CONCEPT_KEYS)
    if unknown:
        problems.append(
            _("unknown keys %(unknown)s; valid: %(valid)s.")
            % {"unknown": ", ".join(unknown), "valid": ", ".join(sorted(CONCEPT_KEYS))}
        )
    labels = _per_language(raw.get("label"), key="label", valid=lambda v: isinstance(v, str), problems=problems)
    wordings = _per_language(raw.get("wordings"), key="wordings", valid=_is_string_list, problems=problems)
    entries = raw.get("entries") or {}
    if not isinstance(entries, dict) or not all(
        isinstance(weight, (int, float)) and not isinstance(weight, bool) for weight in entries.values()
    ):
        problems.append(_("“entries” must map entry slugs to weights (numbers)."))
        entries = None
    if problems:
        return None
    canonical = {
        "role": raw.get("role", Concept.Role.ENTRIES),
        "label": {lang: labels[lang] or "" for lang in languages()},
        "wordings": {lang: [w.strip() for w in wordings[lang] or () if w.strip()] for lang in languages()},
        "entries": {slug: float(weight) for slug, weight in entries.items()},
    }
    if canonical["entries"] and canonical["role"] != Concept.Role.ENTRIES:
        problems.append(str(ENTRIES_ONLY_WHEN_POINTING))
    # The models' own validation, so the admin and the file refuse the same things.
    concept = concept_instance(name=name, canonical=canonical)
    try:
        concept.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        problems.extend(f"{field}: {message}" for field, messages in exc.message_dict.items() for message in messages)
    for slug, weight in canonical["entries"].items():
        try:
            ConceptEntry(weight=weight).clean()
        except ValidationError as exc:
            problems.extend(f"{slug}: {message}" for message in exc.messages)
    return None if problems else canonical


def vocabulary_validate(*, data, errors):
    """The file's concepts as {name: canonical dict}; each problem appended to ``errors`` as a GuideError."""
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), dict):
        errors.append(
            GuideError("", _("The file must hold a JSON object with “concepts”, an object of concepts by name."))
        )
        return {}
    unknown = sorted(set(data) - {"about", "concepts"})
    if unknown:
        errors.append(GuideError("", _("Unknown top-level keys: %(unknown)s.") % {"unknown": ", ".join(unknown)}))
    concepts = {}
    for name, raw in data["concepts"].items():
        problems = []
        canonical = _concept_canonical(name, raw, problems)
        errors.extend(GuideError(name, problem) for problem in problems)
        if canonical is not None:
            concepts[name] = canonical
    return concepts


def concept_instance(*, name, canonical, concept=None):
    """``concept`` (or a new, unsaved one) holding the canonical dict's own columns; entry links aside."""
    concept = concept or Concept(name=name)
    concept.role = canonical["role"]
    for lang in languages():
        setattr(concept, localized("label", lang), canonical["label"][lang])
        setattr(concept, localized("wordings", lang), "\n".join(canonical["wordings"][lang]))
    return concept
