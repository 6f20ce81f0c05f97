"""guide.json, the file: reading it, writing it, and each entry's canonical dict.

The shape is described in ``errors_kb/data/FORMAT.md``. An entry's *canonical dict*
is exactly what ``guide_export`` writes for it; the loader turns each file entry
into the same canonical dict before comparing, so export → load is a no-op.
``entry_checksum`` of that dict is how a load tells an untouched entry from one
an admin edited.
"""

import hashlib
import json
import re
from pathlib import Path

from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationField
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from errors_kb.models import Entry, MatchRule, ProviderMessage, Reason, Step
from troubleshooter.lib.languages import LANGUAGE_CODES

FORMAT_VERSION = 1
DEFAULT_GUIDE_PATH = Path(__file__).resolve().parent / "data" / "guide.json"

ENTRY_DATA_FIELDS = (
    "kind",
    "sort_order",
    "http_status",
    "api_messages",
    "error_codes",
    "error_types",
    "sdk_exceptions",
    "other_statuses",
    "client_exceptions",
    "evidence_weight",
    "who_acts",
    "retry",
    "examples",
)
STRING_LIST_FIELDS = ("api_messages", "error_codes", "error_types", "sdk_exceptions", "client_exceptions", "examples")
# Ordered text children: the key under text.<lang> → (related name, model).
TEXT_CHILDREN = {"reasons": ("reasons", Reason), "steps": ("steps", Step)}
# Translated entry fields the file holds as lists of strings; the column keeps one item per line.
TEXT_LISTS = ("search_terms",)
CROSS_REFERENCE = re.compile(r"\[\[([a-z0-9][a-z0-9-]*)\]\]")
CHILD_MODELS = (Reason, Step, MatchRule, ProviderMessage)
ENTRY_KEYS = {"slug", "related", "match_rules", "provider_messages", "text", *ENTRY_DATA_FIELDS}


class GuideFileError(Exception):
    """The file cannot be read as a guide at all (missing, not UTF-8, not JSON)."""


# ---------------------------------------------------------------- reading and writing the file


def guide_parse(*, raw):
    """Bytes or text of a guide.json → dict; ``GuideFileError`` with a clear message otherwise."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GuideFileError(
                _("The file is not UTF-8 text (%(reason)s at byte %(position)s).")
                % {"reason": exc.reason, "position": exc.start}
            ) from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GuideFileError(
            _("The file is not valid JSON: %(reason)s (line %(line)s, column %(column)s).")
            % {"reason": exc.msg, "line": exc.lineno, "column": exc.colno}
        ) from exc
    if not isinstance(data, dict):
        raise GuideFileError(_("The file must hold a JSON object with “format” and “entries”."))
    return data


def guide_read_file(path=DEFAULT_GUIDE_PATH):
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise GuideFileError(
            _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": exc.strerror or exc}
        ) from exc
    return guide_parse(raw=raw)


def guide_dumps(data):
    """guide.json text as FORMAT.md asks: 2-space indent, UTF-8 characters kept."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- canonical dicts


def languages():
    return list(LANGUAGE_CODES)


def translated_fields(model):
    """The model's translated fields; none for a model kept verbatim (ProviderMessage)."""
    if model not in translator.get_registered_models():
        return ()
    return translator.get_options_for_model(model).fields


def localized(name, lang):
    """The column of translated field ``name`` in ``lang`` (``title``, ``zh-hans`` → ``title_zh_hans``)."""
    return build_localized_fieldname(name, lang)


def rule_fields():
    """MatchRule's data fields, found generically so new fields load and export without code here."""
    return [
        f
        for f in MatchRule._meta.concrete_fields
        if f.name not in {"id", "entry", "position"} and not isinstance(f, TranslationField)
    ]


def provider_message_fields():
    """ProviderMessage's data fields (provider, status, code, message), in the file's order."""
    return [f for f in ProviderMessage._meta.concrete_fields if f.name not in {"id", "entry", "position"}]


def _provider_message_dict(message):
    return {f.name: getattr(message, f.attname) for f in provider_message_fields()}


def _rule_dict(rule):
    translated = translated_fields(MatchRule)
    result = {}
    for f in rule_fields():
        if f.name in translated:
            result[f.name] = {lang: getattr(rule, localized(f.name, lang)) or "" for lang in languages()}
        else:
            result[f.name] = getattr(rule, f.attname)
    return result


def entry_canonical(entry, *, related, rules, child_texts, provider_messages):
    """The canonical dict of ``entry``; ``child_texts``: "reasons"/"steps" → {lang: [text, ...]}."""
    texts = {}
    for lang in languages():
        lang_texts = {name: getattr(entry, localized(name, lang)) or "" for name in translated_fields(Entry)}
        for name in TEXT_LISTS:
            lang_texts[name] = text_list(lang_texts[name])
        for key in TEXT_CHILDREN:
            lang_texts[key] = list(child_texts[key][lang])
        texts[lang] = lang_texts
    return {
        "slug": entry.slug,
        **{name: getattr(entry, name) for name in ENTRY_DATA_FIELDS},
        "related": sorted(related),
        "match_rules": [_rule_dict(rule) for rule in rules],
        "provider_messages": [_provider_message_dict(message) for message in provider_messages],
        "text": texts,
    }


def text_list(column_value):
    """A TEXT_LISTS column as the file's list: one item per non-empty line."""
    return [line.strip() for line in (column_value or "").splitlines() if line.strip()]


def text_column(value):
    """A TEXT_LISTS field's value (the file's list, or already a column's text) as the column's text."""
    return "\n".join(value) if isinstance(value, list) else value


def entry_cross_references(canonical):
    """The slugs an entry's texts name as ``[[slug]]``, in any language."""
    found = set()
    for lang_texts in canonical["text"].values():
        for value in lang_texts.values():
            for text in value if isinstance(value, list) else [value]:
                found.update(CROSS_REFERENCE.findall(text))
    return found


def entry_export(*, entry):
    """The entry as guide.json holds it."""
    child_texts = {}
    for key, (related_name, _model) in TEXT_CHILDREN.items():
        children = list(getattr(entry, related_name).all())
        child_texts[key] = {
            lang: [getattr(child, localized("text", lang)) or "" for child in children] for lang in languages()
        }
    return entry_canonical(
        entry,
        related=[other.slug for other in entry.related.all()],
        rules=list(entry.match_rules.all()),
        child_texts=child_texts,
        provider_messages=list(entry.provider_messages.all()),
    )


def guide_export():
    entries = Entry.objects.prefetch_related("related", "reasons", "steps", "match_rules", "provider_messages")
    return {"format": FORMAT_VERSION, "entries": [entry_export(entry=entry) for entry in entries]}


def entry_checksum(canonical):
    """sha256 of a canonical dict. Match-rule keys at their field default are left out, so a
    MatchRule field added later (with a default) does not make every loaded entry look edited."""
    defaults = {f.name: f.get_default() for f in rule_fields()}
    translated = translated_fields(MatchRule)
    rules = []
    for rule in canonical["match_rules"]:
        rules.append(
            {
                key: value
                for key, value in rule.items()
                if not (value == defaults.get(key) or (key in translated and not any(value.values())))
            }
        )
    # An empty TEXT_LISTS field is left out too: entries loaded before the field existed stay unedited.
    texts = {
        lang: {key: value for key, value in lang_texts.items() if not (key in TEXT_LISTS and not value)}
        for lang, lang_texts in canonical["text"].items()
    }
    payload = {**canonical, "match_rules": rules, "text": texts}
    if not payload["provider_messages"]:  # entries loaded before providers' wordings existed stay unedited
        del payload["provider_messages"]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
