"""Loading a guide dict into the database: all of it or nothing, and never over an admin's edit.

Idempotence: every loaded entry keeps ``loaded_checksum``, the sha256 of the
canonical dict the load wrote (``guide_file.entry_checksum``). If the entry's
current export no longer has that checksum, someone edited it in the admin, and a
load does not overwrite it unless forced.
"""

from dataclasses import dataclass, field

from django.db import transaction

from errors_kb.entry_history import entry_record_history, entry_save_quietly, entry_set_related
from errors_kb.guide_file import (
    ENTRY_DATA_FIELDS,
    TEXT_CHILDREN,
    entry_checksum,
    entry_cross_references,
    entry_export,
    languages,
    localized,
    text_column,
    translated_fields,
)
from errors_kb.guide_validation import guide_validate
from errors_kb.models import Entry, MatchRule, ProviderMessage

LOAD_REASON = "load_guide"


@dataclass
class LoadOutcome:
    """What loading a file did to its rows (names or slugs), shared by the guide and the vocabulary."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped_edited: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # of guide_validation.GuideError

    @property
    def ok(self):
        return not self.errors


@dataclass
class LoadReport(LoadOutcome):
    # (entry slug, related slug that names no entry); the link is left out, the entry still loads.
    unknown_related: list = field(default_factory=list)
    # (entry slug, slug named as [[slug]] in its texts that names no entry); shown as plain text.
    unknown_cross_references: list = field(default_factory=list)


def _sync_children(*, entry, related_name, model, rows, reason):
    """Make the entry's ordered children equal ``rows`` (column → value), editing in place."""
    existing = list(getattr(entry, related_name).order_by("position", "id"))
    for position, columns in enumerate(rows):
        values = {"position": position, **columns}
        child = existing[position] if position < len(existing) else model(entry=entry)
        if child.pk and all((getattr(child, key) or "") == (value or "") for key, value in values.items()):
            continue
        for key, value in values.items():
            setattr(child, key, value)
        child._change_reason = reason
        child.save()
    for child in existing[len(rows) :]:
        child._change_reason = reason
        child.delete()


def _rule_columns(rule):
    translated = translated_fields(MatchRule)
    columns = {}
    for name, value in rule.items():
        if name in translated:
            columns.update({localized(name, lang): value.get(lang, "") for lang in languages()})
        else:
            columns[MatchRule._meta.get_field(name).attname] = value
    return columns


def _write_entry(*, entry, canonical, checksum):
    for name in ENTRY_DATA_FIELDS:
        setattr(entry, name, canonical[name])
    for lang, texts in canonical["text"].items():
        for name in translated_fields(Entry):
            setattr(entry, localized(name, lang), text_column(texts[name]))
    entry.loaded_checksum = checksum
    entry_save_quietly(entry)
    for key, (related_name, model) in TEXT_CHILDREN.items():
        count = len(canonical["text"]["en"][key])
        rows = [
            {localized("text", lang): canonical["text"][lang][key][i] for lang in canonical["text"]}
            for i in range(count)
        ]
        _sync_children(entry=entry, related_name=related_name, model=model, rows=rows, reason=LOAD_REASON)
    _sync_children(
        entry=entry,
        related_name="match_rules",
        model=MatchRule,
        rows=[_rule_columns(rule) for rule in canonical["match_rules"]],
        reason=LOAD_REASON,
    )
    _sync_children(
        entry=entry,
        related_name="provider_messages",
        model=ProviderMessage,
        rows=canonical["provider_messages"],
        reason=LOAD_REASON,
    )


def guide_load(*, data, force=False):
    """Load a guide dict (FORMAT.md) into the database in one transaction; return a ``LoadReport``.

    Nothing is written when any entry is invalid. Entries an admin edited since the
    last load are skipped (and listed) unless ``force``.
    """
    report = LoadReport()
    entries = guide_validate(data=data, errors=report.errors)
    if report.errors:
        return report

    with transaction.atomic():
        file_slugs = {canonical["slug"] for canonical in entries}
        known = file_slugs | set(Entry.objects.values_list("slug", flat=True))
        for canonical in entries:
            missing = [slug for slug in canonical["related"] if slug not in known]
            report.unknown_related.extend((canonical["slug"], slug) for slug in missing)
            canonical["related"] = [slug for slug in canonical["related"] if slug in known]
            missing = sorted(entry_cross_references(canonical) - known)
            report.unknown_cross_references.extend((canonical["slug"], slug) for slug in missing)

        existing = {
            entry.slug: entry
            for entry in Entry.objects.filter(slug__in=file_slugs).prefetch_related(
                "related", "reasons", "steps", "match_rules", "provider_messages"
            )
        }
        written = []
        for canonical in entries:
            slug, checksum = canonical["slug"], entry_checksum(canonical)
            entry = existing.get(slug)
            if entry is None:
                entry = Entry(slug=slug)
                report.created.append(slug)
            else:
                current = entry_checksum(entry_export(entry=entry))
                if current == checksum:
                    report.unchanged.append(slug)
                    if entry.loaded_checksum != checksum:
                        Entry.objects.filter(pk=entry.pk).update(loaded_checksum=checksum)
                    continue
                if current != entry.loaded_checksum and not force:
                    report.skipped_edited.append(slug)
                    continue
                entry.revision += 1
                report.updated.append(slug)
            _write_entry(entry=entry, canonical=canonical, checksum=checksum)
            written.append((entry, canonical, entry.slug in report.created))

        ids_by_slug = dict(Entry.objects.values_list("slug", "id"))
        for entry, canonical, created in written:
            entry_set_related(entry=entry, ids=[ids_by_slug[slug] for slug in canonical["related"]])
            entry_record_history(entry=entry, reason=LOAD_REASON, created=created)
    return report
