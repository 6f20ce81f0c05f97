"""Is a guide dict (FORMAT.md) loadable? Every problem, named by entry and place, in the reader's language.

``guide_validate`` turns each file entry into its canonical dict (``guide_file``)
or reports why it cannot; the models' own validation (``full_clean``) does the
field checks, so the admin and the file refuse the same things.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from errors_kb.guide_file import (
    ENTRY_DATA_FIELDS,
    ENTRY_KEYS,
    FORMAT_VERSION,
    STRING_LIST_FIELDS,
    TEXT_CHILDREN,
    TEXT_LISTS,
    entry_canonical,
    languages,
    localized,
    provider_message_fields,
    rule_fields,
    text_column,
    translated_fields,
)
from errors_kb.models import Entry, MatchRule, ProviderMessage


@dataclass(frozen=True)
class GuideError:
    slug: str
    message: str

    def __str__(self):
        return _("%(slug)s: %(problem)s") % {"slug": self.slug, "problem": self.message} if self.slug else self.message


def _at(where, problem):
    return _("%(where)s: %(problem)s") % {"where": where, "problem": problem}


def _messages(exc, rename):
    return [_at(rename.get(name, name), message) for name, messages in exc.message_dict.items() for message in messages]


def _is_string_list(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _check_texts(raw_texts, problems):
    """text.<lang> → {lang: {field: str, reasons: [...], steps: [...]}} with defaults filled in."""
    codes = languages()
    allowed = {*translated_fields(Entry), *TEXT_CHILDREN}
    if not isinstance(raw_texts, dict):
        problems.append(_("“text” must be an object with one key per language."))
        return None
    for lang in raw_texts:
        if lang not in codes:
            problems.append(
                _at(f"text.{lang}", _("unknown language (expected %(languages)s).") % {"languages": ", ".join(codes)})
            )
    texts = {}
    for lang in codes:
        raw = raw_texts.get(lang)
        if not isinstance(raw, dict):
            problems.append(_at(f"text.{lang}", _("missing; every language must be complete.")))
            continue
        for key in sorted(set(raw) - allowed):
            problems.append(_at(f"text.{lang}", _("unknown key “%(key)s”.") % {"key": key}))
        lang_texts = {}
        for name in TEXT_LISTS:
            value = raw.get(name, [])
            if not _is_string_list(value) or any("\n" in item for item in value):
                problems.append(_at(f"text.{lang}.{name}", _("must be a list of one-line strings.")))
                value = []
            lang_texts[name] = text_column(value)
        for name in translated_fields(Entry):
            if name in TEXT_LISTS:
                continue
            value = raw.get(name, "")
            if not isinstance(value, str):
                problems.append(_at(f"text.{lang}.{name}", _("must be a string.")))
                value = ""
            lang_texts[name] = value
        if not lang_texts["title"].strip():
            problems.append(_at(f"text.{lang}.title", _("must not be empty.")))
        for key in TEXT_CHILDREN:
            value = raw.get(key, [])
            if not _is_string_list(value):
                problems.append(_at(f"text.{lang}.{key}", _("must be a list of strings.")))
                value = []
            lang_texts[key] = value
        texts[lang] = lang_texts
    if len(texts) == len(codes):
        for key in TEXT_CHILDREN:
            counts = {lang: len(texts[lang][key]) for lang in codes}
            if len(set(counts.values())) > 1:
                listed = ", ".join(f"{lang}: {n}" for lang, n in counts.items())
                problems.append(
                    _at(
                        f"text.*.{key}",
                        _("every language needs the same number of items (%(counts)s).") % {"counts": listed},
                    )
                )
    return texts


def _child_fields(raw, where, fields, unknown_key, problems):
    """The child's fields by name, or None when ``raw`` is no object; each unknown key is a problem."""
    if not isinstance(raw, dict):
        problems.append(_at(where, _("must be an object.")))
        return None
    fields = {f.name: f for f in fields}
    for key in sorted(set(raw) - set(fields)):
        problems.append(_at(where, unknown_key % {"key": key, "fields": ", ".join(fields)}))
    return fields


def _check_rule(index, raw, problems):
    where = f"match_rules[{index}]"
    unknown_key = _("unknown key “%(key)s” (match rules have %(fields)s).")
    fields = _child_fields(raw, where, rule_fields(), unknown_key, problems)
    if fields is None:
        return None
    translated = translated_fields(MatchRule)
    rule = MatchRule()
    rename = {}
    for name in fields:
        if name not in raw:
            continue
        value = raw[name]
        if name in translated:
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                problems.append(_at(f"{where}.{name}", _("must be an object of language → text.")))
                continue
            for lang, text in value.items():
                if lang not in languages():
                    problems.append(_at(f"{where}.{name}.{lang}", _("unknown language.")))
                    continue
                setattr(rule, localized(name, lang), text)
                rename[localized(name, lang)] = f"{where}.{name}.{lang}"
        else:
            setattr(rule, fields[name].attname, value)
            rename[name] = f"{where}.{name}"
    try:
        rule.full_clean(exclude=["entry", *translated])  # MatchRule.clean refuses a broken pattern
    except ValidationError as exc:
        problems.extend(_messages(exc, {name: f"{where}.{name}" for name in fields} | rename))
        return None
    return rule


def _check_provider_message(index, raw, problems):
    where = f"provider_messages[{index}]"
    unknown_key = _("unknown key “%(key)s” (providers' wordings have %(fields)s).")
    fields = _child_fields(raw, where, provider_message_fields(), unknown_key, problems)
    if fields is None:
        return None
    message = ProviderMessage(**{name: raw[name] for name in fields if name in raw})
    try:
        message.full_clean(exclude=["entry"])
    except ValidationError as exc:
        problems.extend(_messages(exc, {name: f"{where}.{name}" for name in fields}))
        return None
    return message


def _check_entry(raw, problems):
    """One file entry → its canonical dict, or None with ``problems`` filled in."""
    for key in sorted(set(raw) - ENTRY_KEYS):
        problems.append(_("unknown key “%(key)s”.") % {"key": key})
    for name in STRING_LIST_FIELDS:
        if name in raw and not _is_string_list(raw[name]):
            problems.append(_at(name, _("must be a list of strings.")))
    related = raw.get("related", [])
    if not _is_string_list(related):
        problems.append(_at("related", _("must be a list of slugs.")))
    rules_raw = raw.get("match_rules", [])
    if not isinstance(rules_raw, list):
        problems.append(_at("match_rules", _("must be a list.")))
        rules_raw = []
    messages_raw = raw.get("provider_messages", [])
    if not isinstance(messages_raw, list):
        problems.append(_at("provider_messages", _("must be a list.")))
        messages_raw = []
    texts = _check_texts(raw.get("text"), problems)
    rules = [_check_rule(index, rule, problems) for index, rule in enumerate(rules_raw)]
    provider_messages = [_check_provider_message(index, item, problems) for index, item in enumerate(messages_raw)]

    entry = Entry(slug=raw["slug"])
    for name in ENTRY_DATA_FIELDS:
        if name in raw:
            setattr(entry, name, raw[name])
    rename = {}
    # Missing languages and empty titles are reported above; only the model's own checks remain.
    entry_texts = translated_fields(Entry)
    exclude = {*entry_texts, *(localized(name, lang) for name in entry_texts for lang in languages())}
    for lang, lang_texts in (texts or {}).items():
        for name in entry_texts:
            setattr(entry, localized(name, lang), lang_texts[name])
            rename[localized(name, lang)] = f"text.{lang}.{name}"
            if lang_texts[name].strip() or name != "title":
                exclude.discard(localized(name, lang))
    try:
        entry.full_clean(exclude=sorted(exclude), validate_unique=False)
    except ValidationError as exc:
        problems.extend(_messages(exc, rename))
    if problems:
        return None

    child_texts = {key: {lang: texts[lang][key] for lang in texts} for key in TEXT_CHILDREN}
    return entry_canonical(
        entry, related=related, rules=rules, child_texts=child_texts, provider_messages=provider_messages
    )


def guide_validate(*, data, errors):
    """Every entry of ``data`` as a canonical dict; each problem is appended to ``errors`` as a ``GuideError``."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        errors.append(GuideError("", _("The guide must be an object with an “entries” list.")))
        return []
    if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        message = _("Unsupported “format” %(found)s; this version reads %(supported)s.") % {
            "found": repr(data.get("format")),
            "supported": FORMAT_VERSION,
        }
        errors.append(GuideError("", message))
        return []
    entries, seen = [], set()
    for index, raw in enumerate(data["entries"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("slug"), str) or not raw["slug"]:
            errors.append(GuideError(f"entries[{index}]", _("each entry must be an object with a “slug”.")))
            continue
        slug = raw["slug"]
        if slug in seen:
            errors.append(GuideError(slug, _("this slug appears more than once.")))
            continue
        seen.add(slug)
        problems = []
        canonical = _check_entry(raw, problems)
        errors.extend(GuideError(slug, problem) for problem in problems)
        if canonical is not None:
            entries.append(canonical)
    return entries
