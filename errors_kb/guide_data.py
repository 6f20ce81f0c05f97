"""guide.json ⇄ database: the one place that reads, validates, loads and exports the guide.

The shape is described in ``errors_kb/data/FORMAT.md``. An entry's *canonical dict*
is exactly what ``guide_export`` writes for it; the loader turns each file entry
into the same canonical dict before comparing, so export → load is a no-op.

Idempotence: every loaded entry keeps ``loaded_checksum``, the sha256 of the
canonical dict the load wrote. If the entry's current export no longer has that
checksum, someone edited it in the admin, and a load does not overwrite it
unless forced.

History: one historical Entry record per change, written *after* the entry's
reasons, steps, match rules and related links are saved (``entry_record_history``).
So the children as they were at any Entry record are the newest child history
rows at or before that record's date, which is how ``entry_revert`` brings them
back.
"""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from modeltranslation.fields import TranslationField
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from errors_kb.models import Entry, MatchRule, Reason, Step

FORMAT_VERSION = 1
DEFAULT_GUIDE_PATH = Path(__file__).resolve().parent / "data" / "guide.json"
LOAD_REASON = "load_guide"
REVERT_REASON = "revert to #{history_id}"

ENTRY_DATA_FIELDS = (
    "kind",
    "sort_order",
    "http_status",
    "api_messages",
    "error_codes",
    "error_types",
    "sdk_exceptions",
    "who_acts",
    "retry",
    "examples",
)
STRING_LIST_FIELDS = ("api_messages", "error_codes", "error_types", "sdk_exceptions", "examples")
# Ordered text children: the key under text.<lang> → (related name, model).
TEXT_CHILDREN = {"reasons": ("reasons", Reason), "steps": ("steps", Step)}
CHILD_MODELS = (Reason, Step, MatchRule)
ENTRY_KEYS = {"slug", "related", "match_rules", "text", *ENTRY_DATA_FIELDS}


class GuideFileError(Exception):
    """The file cannot be read as a guide at all (missing, not UTF-8, not JSON)."""


class StaleEntryError(Exception):
    """The entry was saved by someone else after the editor opened it."""


@dataclass(frozen=True)
class GuideError:
    slug: str
    message: str

    def __str__(self):
        return f"{self.slug}: {self.message}" if self.slug else self.message


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped_edited: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    # (entry slug, related slug that names no entry); the link is left out, the entry still loads.
    unknown_related: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


# ---------------------------------------------------------------- reading


def guide_parse(*, raw):
    """Bytes or text of a guide.json → dict; ``GuideFileError`` with a clear message otherwise."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GuideFileError(f"The file is not UTF-8 text ({exc.reason} at byte {exc.start}).") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GuideFileError(f"The file is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}).") from exc
    if not isinstance(data, dict):
        raise GuideFileError('The file must hold a JSON object with "format" and "entries".')
    return data


def guide_read_file(path=DEFAULT_GUIDE_PATH):
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise GuideFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return guide_parse(raw=raw)


# ---------------------------------------------------------------- canonical dicts


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _translated(model):
    return translator.get_options_for_model(model).fields


def _column(name, lang):
    return build_localized_fieldname(name, lang)


def _rule_fields():
    """MatchRule's data fields, found generically so new fields load and export without code here."""
    return [
        f
        for f in MatchRule._meta.concrete_fields
        if f.name not in {"id", "entry", "position"} and not isinstance(f, TranslationField)
    ]


def _rule_dict(rule):
    translated = _translated(MatchRule)
    result = {}
    for f in _rule_fields():
        if f.name in translated:
            result[f.name] = {lang: getattr(rule, _column(f.name, lang)) or "" for lang in _languages()}
        else:
            result[f.name] = getattr(rule, f.attname)
    return result


def _entry_dict(entry, *, related, rules, child_texts):
    """``child_texts``: "reasons"/"steps" → {lang: [text, ...]}."""
    texts = {}
    for lang in _languages():
        lang_texts = {name: getattr(entry, _column(name, lang)) or "" for name in _translated(Entry)}
        for key in TEXT_CHILDREN:
            lang_texts[key] = list(child_texts[key][lang])
        texts[lang] = lang_texts
    return {
        "slug": entry.slug,
        **{name: getattr(entry, name) for name in ENTRY_DATA_FIELDS},
        "related": sorted(related),
        "match_rules": [_rule_dict(rule) for rule in rules],
        "text": texts,
    }


def entry_export(*, entry):
    """The entry as guide.json holds it."""
    child_texts = {}
    for key, (related_name, _model) in TEXT_CHILDREN.items():
        children = list(getattr(entry, related_name).all())
        child_texts[key] = {
            lang: [getattr(child, _column("text", lang)) or "" for child in children] for lang in _languages()
        }
    return _entry_dict(
        entry,
        related=[other.slug for other in entry.related.all()],
        rules=list(entry.match_rules.all()),
        child_texts=child_texts,
    )


def guide_export():
    entries = Entry.objects.prefetch_related("related", "reasons", "steps", "match_rules")
    return {"format": FORMAT_VERSION, "entries": [entry_export(entry=entry) for entry in entries]}


def guide_dumps(data):
    """guide.json text as FORMAT.md asks: 2-space indent, UTF-8 characters kept."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def entry_checksum(canonical):
    """sha256 of a canonical dict. Match-rule keys at their field default are left out, so a
    MatchRule field added later (with a default) does not make every loaded entry look edited."""
    defaults = {f.name: f.get_default() for f in _rule_fields()}
    translated = _translated(MatchRule)
    rules = []
    for rule in canonical["match_rules"]:
        rules.append(
            {
                key: value
                for key, value in rule.items()
                if not (value == defaults.get(key) or (key in translated and not any(value.values())))
            }
        )
    payload = {**canonical, "match_rules": rules}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- validation


def _messages(exc, rename):
    return [
        f"{rename.get(name, name)}: {message}" for name, messages in exc.message_dict.items() for message in messages
    ]


def _is_string_list(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _check_texts(raw_texts, problems):
    """text.<lang> → {lang: {field: str, reasons: [...], steps: [...]}} with defaults filled in."""
    languages = _languages()
    allowed = {*_translated(Entry), *TEXT_CHILDREN}
    if not isinstance(raw_texts, dict):
        problems.append('"text" must be an object with one key per language.')
        return None
    for lang in raw_texts:
        if lang not in languages:
            problems.append(f"text.{lang}: unknown language (expected {', '.join(languages)}).")
    texts = {}
    for lang in languages:
        raw = raw_texts.get(lang)
        if not isinstance(raw, dict):
            problems.append(f"text.{lang}: missing; every language must be complete.")
            continue
        for key in sorted(set(raw) - allowed):
            problems.append(f'text.{lang}: unknown key "{key}".')
        lang_texts = {}
        for name in _translated(Entry):
            value = raw.get(name, "")
            if not isinstance(value, str):
                problems.append(f"text.{lang}.{name}: must be a string.")
                value = ""
            lang_texts[name] = value
        if not lang_texts["title"].strip():
            problems.append(f"text.{lang}.title: must not be empty.")
        for key in TEXT_CHILDREN:
            value = raw.get(key, [])
            if not _is_string_list(value):
                problems.append(f"text.{lang}.{key}: must be a list of strings.")
                value = []
            lang_texts[key] = value
        texts[lang] = lang_texts
    if len(texts) == len(languages):
        for key in TEXT_CHILDREN:
            counts = {lang: len(texts[lang][key]) for lang in languages}
            if len(set(counts.values())) > 1:
                listed = ", ".join(f"{lang}: {n}" for lang, n in counts.items())
                problems.append(f"text.*.{key}: every language needs the same number of items ({listed}).")
    return texts


def _check_rule(index, raw, problems):
    where = f"match_rules[{index}]"
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be an object.")
        return None
    fields = {f.name: f for f in _rule_fields()}
    translated = _translated(MatchRule)
    for key in sorted(set(raw) - set(fields)):
        problems.append(f'{where}: unknown key "{key}" (match rules have {", ".join(fields)}).')
    rule = MatchRule()
    rename = {}
    for name in fields:
        if name not in raw:
            continue
        value = raw[name]
        if name in translated:
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                problems.append(f"{where}.{name}: must be an object of language → text.")
                continue
            for lang, text in value.items():
                if lang not in _languages():
                    problems.append(f"{where}.{name}.{lang}: unknown language.")
                    continue
                setattr(rule, _column(name, lang), text)
                rename[_column(name, lang)] = f"{where}.{name}.{lang}"
        else:
            setattr(rule, fields[name].attname, value)
            rename[name] = f"{where}.{name}"
    try:
        rule.full_clean(exclude=["entry", *translated])  # MatchRule.clean refuses a broken pattern
    except ValidationError as exc:
        problems.extend(_messages(exc, {name: f"{where}.{name}" for name in fields} | rename))
        return None
    return rule


def _check_entry(raw, problems):
    """One file entry → its canonical dict, or None with ``problems`` filled in."""
    for key in sorted(set(raw) - ENTRY_KEYS):
        problems.append(f'unknown key "{key}".')
    for name in STRING_LIST_FIELDS:
        if name in raw and not _is_string_list(raw[name]):
            problems.append(f"{name}: must be a list of strings.")
    related = raw.get("related", [])
    if not _is_string_list(related):
        problems.append("related: must be a list of slugs.")
    rules_raw = raw.get("match_rules", [])
    if not isinstance(rules_raw, list):
        problems.append("match_rules: must be a list.")
        rules_raw = []
    texts = _check_texts(raw.get("text"), problems)
    rules = [_check_rule(index, rule, problems) for index, rule in enumerate(rules_raw)]

    entry = Entry(slug=raw["slug"])
    for name in ENTRY_DATA_FIELDS:
        if name in raw:
            setattr(entry, name, raw[name])
    rename = {}
    # Missing languages and empty titles are reported above; only the model's own checks remain.
    exclude = {*_translated(Entry), *(_column(name, lang) for name in _translated(Entry) for lang in _languages())}
    for lang, lang_texts in (texts or {}).items():
        for name in _translated(Entry):
            setattr(entry, _column(name, lang), lang_texts[name])
            rename[_column(name, lang)] = f"text.{lang}.{name}"
            if lang_texts[name].strip() or name != "title":
                exclude.discard(_column(name, lang))
    try:
        entry.full_clean(exclude=sorted(exclude), validate_unique=False)
    except ValidationError as exc:
        problems.extend(_messages(exc, rename))
    if problems:
        return None

    child_texts = {key: {lang: texts[lang][key] for lang in texts} for key in TEXT_CHILDREN}
    return _entry_dict(entry, related=related, rules=rules, child_texts=child_texts)


def guide_validate(*, data, report):
    """Every entry of ``data`` as a canonical dict; problems go to ``report.errors``."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        report.errors.append(GuideError("", 'The guide must be an object with an "entries" list.'))
        return []
    if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        message = f'Unsupported "format" {data.get("format")!r}; this version reads {FORMAT_VERSION}.'
        report.errors.append(GuideError("", message))
        return []
    entries, seen = [], set()
    for index, raw in enumerate(data["entries"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("slug"), str) or not raw["slug"]:
            report.errors.append(GuideError(f"entries[{index}]", 'each entry must be an object with a "slug".'))
            continue
        slug = raw["slug"]
        if slug in seen:
            report.errors.append(GuideError(slug, "this slug appears more than once."))
            continue
        seen.add(slug)
        problems = []
        canonical = _check_entry(raw, problems)
        report.errors.extend(GuideError(slug, problem) for problem in problems)
        if canonical is not None:
            entries.append(canonical)
    return entries


# ---------------------------------------------------------------- writing


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


def _save_quietly(entry):
    with _without_history(entry):
        entry.save()


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
    translated = _translated(MatchRule)
    columns = {}
    for name, value in rule.items():
        if name in translated:
            columns.update({_column(name, lang): value.get(lang, "") for lang in _languages()})
        else:
            columns[MatchRule._meta.get_field(name).attname] = value
    return columns


def _write_entry(*, entry, canonical, checksum):
    for name in ENTRY_DATA_FIELDS:
        setattr(entry, name, canonical[name])
    for lang, texts in canonical["text"].items():
        for name in _translated(Entry):
            setattr(entry, _column(name, lang), texts[name])
    entry.loaded_checksum = checksum
    _save_quietly(entry)
    for key, (related_name, model) in TEXT_CHILDREN.items():
        count = len(canonical["text"]["en"][key])
        rows = [
            {_column("text", lang): canonical["text"][lang][key][i] for lang in canonical["text"]} for i in range(count)
        ]
        _sync_children(entry=entry, related_name=related_name, model=model, rows=rows, reason=LOAD_REASON)
    _sync_children(
        entry=entry,
        related_name="match_rules",
        model=MatchRule,
        rows=[_rule_columns(rule) for rule in canonical["match_rules"]],
        reason=LOAD_REASON,
    )


def _set_related(*, entry, ids):
    with _without_history(entry):  # the m2m signal would write a record of its own
        entry.related.set(ids)


def guide_load(*, data, force=False):
    """Load a guide dict (FORMAT.md) into the database in one transaction; return a ``LoadReport``.

    Nothing is written when any entry is invalid. Entries an admin edited since the
    last load are skipped (and listed) unless ``force``.
    """
    report = LoadReport()
    entries = guide_validate(data=data, report=report)
    if report.errors:
        return report

    with transaction.atomic():
        file_slugs = {canonical["slug"] for canonical in entries}
        known = file_slugs | set(Entry.objects.values_list("slug", flat=True))
        for canonical in entries:
            missing = [slug for slug in canonical["related"] if slug not in known]
            report.unknown_related.extend((canonical["slug"], slug) for slug in missing)
            canonical["related"] = [slug for slug in canonical["related"] if slug in known]

        existing = {
            entry.slug: entry
            for entry in Entry.objects.filter(slug__in=file_slugs).prefetch_related(
                "related", "reasons", "steps", "match_rules"
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
            _set_related(entry=entry, ids=[ids_by_slug[slug] for slug in canonical["related"]])
            entry_record_history(entry=entry, reason=LOAD_REASON, created=created)
    return report


# ---------------------------------------------------------------- concurrent edits and revert


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
    base_names = set(_translated(model))
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
        keep = {"id", "slug", "revision", "loaded_checksum", "updated_at", *_translated(Entry)}
        for f in Entry._meta.concrete_fields:
            if f.name not in keep:
                setattr(entry, f.attname, getattr(record, f.attname))
        entry.revision += 1
        _save_quietly(entry)
        reason = REVERT_REASON.format(history_id=history_id)
        for model in CHILD_MODELS:
            _restore_children(entry=entry, model=model, as_of=record.history_date, user=user, reason=reason)
        existing = set(Entry.objects.values_list("id", flat=True))
        _set_related(entry=entry, ids=[row.to_entry_id for row in record.related.all() if row.to_entry_id in existing])
        entry_record_history(entry=entry, reason=reason, user=user)
    return entry
