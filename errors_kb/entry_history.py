"""An entry's history: one record per change, the entry as of a record, revert, and concurrent edits.

One historical Entry record per change, written *after* the entry's reasons, steps,
match rules and related links are saved (``entry_record_history``). So the children
as they were at any Entry record are the newest child history rows at or before
that record's date, which is how ``entry_revert`` brings them back.
"""

from contextlib import contextmanager

from django.db import transaction

from errors_kb.guide_file import CHILD_MODELS, TEXT_CHILDREN, translated_fields
from errors_kb.models import Entry

REVERT_REASON = "revert to #{history_id}"


class StaleEntryError(Exception):
    """The entry was saved by someone else after the editor opened it."""


def entry_record_history(*, entry, reason=None, user=None, created=False):
    """Write the one historical record of a change, once children and related links are saved."""
    entry._change_reason = reason
    if user is not None:
        entry._history_user = user
    entry.save(update_fields=["updated_at"])
    if created:  # the row was first saved quietly, so the record says "changed"; it is the creation
        latest = Entry.history.filter(id=entry.pk).latest()
        Entry.history.filter(history_id=latest.history_id).update(history_type="+")


@contextmanager
def _without_history(entry):
    """Saves of the entry row and its related links write no record; ``entry_record_history`` writes the one."""
    entry.skip_history_when_saving = True
    try:
        yield entry
    finally:
        del entry.skip_history_when_saving


def entry_save_quietly(entry):
    """Save the entry row without a history record (the caller writes one with ``entry_record_history``)."""
    with _without_history(entry):
        entry.save()


def entry_set_related(*, entry, ids):
    """Set the related links without a history record (the m2m signal would write one of its own)."""
    with _without_history(entry):
        entry.related.set(ids)


def entry_lock(*, entry_id, seen_revision):
    """Lock the entry row for this transaction; ``StaleEntryError`` if it moved past ``seen_revision``."""
    current = Entry.objects.select_for_update().get(pk=entry_id)
    if seen_revision is None or current.revision != seen_revision:
        raise StaleEntryError(entry_id)
    return current


def _children_as_of(*, entry_id, model, as_of):
    """Historical rows of the entry's ``model`` children that existed at ``as_of``, by child id."""
    latest = {}
    for record in model.history.filter(entry_id=entry_id, history_date__lte=as_of).order_by(
        "history_date", "history_id"
    ):
        latest[record.id] = record
    return {pk: record for pk, record in latest.items() if record.history_type != "-"}


def entry_children_as_of(*, record):
    """Reasons and steps (in the active language) as they were at a historical Entry record."""
    result = {}
    for key, (_related_name, model) in TEXT_CHILDREN.items():
        alive = _children_as_of(entry_id=record.id, model=model, as_of=record.history_date).values()
        result[key] = [child.instance for child in sorted(alive, key=lambda child: (child.position, child.id))]
    return result


def _restore_children(*, entry, model, as_of, user, reason):
    """Children of ``model`` as they were at ``as_of``, from their own historical tables."""
    alive = _children_as_of(entry_id=entry.pk, model=model, as_of=as_of)
    current = {child.pk: child for child in model.objects.filter(entry=entry)}
    base_names = set(translated_fields(model))
    columns = [f.attname for f in model._meta.concrete_fields if f.name not in base_names]
    for pk, child in current.items():
        if pk not in alive:
            child._history_user, child._change_reason = user, reason
            child.delete()
    for pk, record in alive.items():
        values = {name: getattr(record, name) for name in columns}
        child = current.get(pk)
        if child is not None and all(getattr(child, name) == value for name, value in values.items()):
            continue
        child = model(**values)
        child._history_user, child._change_reason = user, reason
        child.save()


def entry_revert(*, entry_id, history_id, seen_revision, user=None):
    """Bring an entry back to a historical record: its fields, reasons, steps, match rules and related links.

    ``loaded_checksum`` is kept, so the next load judges a revert like any edit: unchanged if
    the entry is back to what the last load wrote, edited (not overwritten) otherwise.
    """
    with transaction.atomic():
        entry = entry_lock(entry_id=entry_id, seen_revision=seen_revision)
        record = Entry.history.get(id=entry_id, history_id=history_id)
        # The slug stays: slugs are stable, and an old one may belong to another entry by now.
        keep = {"id", "slug", "revision", "loaded_checksum", "updated_at", *translated_fields(Entry)}
        for f in Entry._meta.concrete_fields:
            if f.name not in keep:
                setattr(entry, f.attname, getattr(record, f.attname))
        entry.revision += 1
        entry_save_quietly(entry)
        reason = REVERT_REASON.format(history_id=history_id)
        for model in CHILD_MODELS:
            _restore_children(entry=entry, model=model, as_of=record.history_date, user=user, reason=reason)
        existing = set(Entry.objects.values_list("id", flat=True))
        entry_set_related(
            entry=entry, ids=[row.to_entry_id for row in record.related.all() if row.to_entry_id in existing]
        )
        entry_record_history(entry=entry, reason=reason, user=user)
    return entry
