"""Loading diagnosis_vocabulary.json into Concept rows: all of it or nothing, and never over an admin's edit.

Idempotence as for entries (``guide_loading``): every loaded concept keeps ``loaded_checksum``,
the checksum of the canonical dict the load wrote. When the concept's current export no
longer has it, someone edited the concept in the admin, and a load leaves it alone unless
forced. Concepts the file does not name (added in the admin) are left as they are.
"""

from dataclasses import dataclass, field

from django.db import transaction

from errors_kb.guide_loading import LOAD_REASON, LoadOutcome
from errors_kb.models import Concept, ConceptEntry, Entry
from errors_kb.vocabulary_file import concept_checksum, concept_export, concept_instance, vocabulary_validate


@dataclass
class VocabularyLoadReport(LoadOutcome):
    # (concept name, entry slug that names no entry); that link is left out, the concept still loads.
    unknown_entries: list = field(default_factory=list)


def _sync_links(*, concept, weights, ids_by_slug):
    """Make the concept's entry links equal ``weights`` (slug → weight), editing in place."""
    existing = {link.entry.slug: link for link in concept.entry_links.select_related("entry")}
    for slug, link in existing.items():
        if slug not in weights:
            link._change_reason = LOAD_REASON
            link.delete()
    for slug, weight in weights.items():
        link = existing.get(slug) or ConceptEntry(concept=concept, entry_id=ids_by_slug[slug])
        if link.pk and link.weight == weight:
            continue
        link.weight = weight
        link._change_reason = LOAD_REASON
        link.save()


def vocabulary_load(*, data, force=False):
    """Load a vocabulary dict in one transaction; return a ``VocabularyLoadReport``.

    Nothing is written when any concept is invalid. Load the guide first: links to
    entries the database does not hold are left out (and listed).
    """
    report = VocabularyLoadReport()
    concepts = vocabulary_validate(data=data, errors=report.errors)
    if report.errors:
        return report

    with transaction.atomic():
        ids_by_slug = dict(Entry.objects.values_list("slug", "id"))
        existing = {
            concept.name: concept
            for concept in Concept.objects.filter(name__in=concepts).prefetch_related("entry_links__entry")
        }
        for name, canonical in concepts.items():
            missing = [slug for slug in canonical["entries"] if slug not in ids_by_slug]
            report.unknown_entries.extend((name, slug) for slug in missing)
            canonical["entries"] = {slug: w for slug, w in canonical["entries"].items() if slug in ids_by_slug}
            checksum = concept_checksum(canonical)
            concept = existing.get(name)
            if concept is None:
                report.created.append(name)
            else:
                current = concept_checksum(concept_export(concept))
                if current == checksum:
                    report.unchanged.append(name)
                    if concept.loaded_checksum != checksum:
                        Concept.objects.filter(pk=concept.pk).update(loaded_checksum=checksum)
                    continue
                if current != concept.loaded_checksum and not force:
                    report.skipped_edited.append(name)
                    continue
                report.updated.append(name)
            concept = concept_instance(name=name, canonical=canonical, concept=concept)
            concept.loaded_checksum = checksum
            concept._change_reason = LOAD_REASON
            concept.save()
            _sync_links(concept=concept, weights=canonical["entries"], ids_by_slug=ids_by_slug)
    return report
