"""flow.json ⇄ database: read, validate, load (idempotent) and export the wizard's flow.

The file: ``{"format": 1, "start": "start", "nodes": [{"id", "kind", "tool", "condition",
"next", "text": {lang: str}, "choices": [{"label": {lang: str}, "next"}]}]}``; ``tool``,
``condition``, ``next``, ``text`` and ``choices`` may be left out where a kind has none.

Like the guide (``errors_kb/guide_loading.py``): every loaded node keeps the checksum of what
the load wrote; a node whose current export differs was edited in the admin and is not
overwritten unless forced. A file with any problem, among them a reference to a node or
a guide condition that does not exist, loads nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from troubleshooter.lib.languages import LANGUAGE_CODES
from troubleshooter.wizard.flow_rules import (
    START_KEY,
    missing_node_message,
    reference_problems,
    stored_condition_slugs,
)
from troubleshooter.wizard.models import Choice, Node

FORMAT_VERSION = 1
DEFAULT_FLOW_PATH = Path(__file__).resolve().parent / "data" / "flow.json"
LOAD_REASON = "load_wizard"
NODE_KEYS = {"id", "kind", "tool", "condition", "next", "text", "choices"}


class FlowFileError(Exception):
    """The file cannot be read as a flow at all."""


@dataclass
class FlowReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped_edited: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def flow_read_file(path=DEFAULT_FLOW_PATH):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise FlowFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FlowFileError(f"{path} is not UTF-8 JSON: {exc}.") from exc


def _column(name, lang):
    return build_localized_fieldname(name, lang)


def node_export(node):
    """The node as flow.json holds it (its canonical dict)."""
    return {
        "id": node.key,
        "kind": node.kind,
        "tool": node.tool,
        "condition": node.condition,
        "next": node.next,
        "text": {lang: getattr(node, _column("text", lang)) or "" for lang in LANGUAGE_CODES},
        "choices": [
            {"label": {lang: getattr(c, _column("label", lang)) or "" for lang in LANGUAGE_CODES}, "next": c.next}
            for c in node.choices.all()
        ],
    }


def flow_export():
    nodes = Node.objects.prefetch_related("choices")
    return {"format": FORMAT_VERSION, "start": START_KEY, "nodes": [node_export(node) for node in nodes]}


def node_checksum(canonical):
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _texts(raw, where, problems, *, required):
    if raw is None and not required:
        return dict.fromkeys(LANGUAGE_CODES, "")
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        problems.append(f"{where}: must be an object of language → text.")
        return None
    for lang in sorted(set(raw) - set(LANGUAGE_CODES)):
        problems.append(f"{where}.{lang}: unknown language (expected {', '.join(LANGUAGE_CODES)}).")
    texts = {lang: raw.get(lang, "") for lang in LANGUAGE_CODES}
    filled = [lang for lang in LANGUAGE_CODES if texts[lang].strip()]
    if (required or filled) and len(filled) != len(LANGUAGE_CODES):
        missing = ", ".join(lang for lang in LANGUAGE_CODES if lang not in filled)
        problems.append(f"{where}: missing in {missing}; every language must be written.")
    return texts


def _canonical(raw, problems):
    for key in sorted(set(raw) - NODE_KEYS):
        problems.append(f'unknown key "{key}".')
    kind = raw.get("kind")
    if kind not in Node.Kind.values:
        problems.append(f"kind: {kind!r} is not one of {', '.join(Node.Kind.values)}.")
    tool = raw.get("tool", "")
    if tool and tool not in Node.Tool.values:
        problems.append(f"tool: {tool!r} is not one of {', '.join(Node.Tool.values)}.")
    needs_text = kind != Node.Kind.RESOLUTION
    texts = _texts(raw.get("text"), "text", problems, required=needs_text)
    choices = []
    raw_choices = raw.get("choices", [])
    if not isinstance(raw_choices, list):
        problems.append("choices: must be a list.")
        raw_choices = []
    if kind == Node.Kind.QUESTION and not raw_choices:
        problems.append("a question needs at least one choice.")
    if kind != Node.Kind.QUESTION and raw_choices:
        problems.append("only questions have choices.")
    for index, choice in enumerate(raw_choices):
        if not isinstance(choice, dict) or not isinstance(choice.get("next"), str):
            problems.append(f'choices[{index}]: must be an object with "label" and "next".')
            continue
        label = _texts(choice.get("label"), f"choices[{index}].label", problems, required=True)
        choices.append({"label": label, "next": choice["next"]})
    return {
        "id": raw["id"],
        "kind": kind,
        "tool": tool,
        "condition": raw.get("condition", ""),
        "next": raw.get("next", ""),
        "text": texts,
        "choices": choices,
    }


def flow_validate(*, data, report):
    """Every node of ``data`` as a canonical dict; problems go to ``report.errors`` as "id: message"."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        report.errors.append('The flow must be an object with a "nodes" list.')
        return []
    if data.get("format") != FORMAT_VERSION:
        report.errors.append(f'Unsupported "format" {data.get("format")!r}; this version reads {FORMAT_VERSION}.')
        return []
    if data.get("start") != START_KEY:
        report.errors.append(f'"start" must be "{START_KEY}".')
    nodes, seen = [], set()
    for index, raw in enumerate(data["nodes"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
            report.errors.append(f'nodes[{index}]: each node must be an object with an "id".')
            continue
        if raw["id"] in seen:
            report.errors.append(f"{raw['id']}: this id appears more than once.")
            continue
        seen.add(raw["id"])
        problems = []
        nodes.append(_canonical(raw, problems))
        report.errors.extend(f"{raw['id']}: {problem}" for problem in problems)
    if START_KEY not in seen:
        report.errors.append(f'No node has the id "{START_KEY}".')
    conditions = stored_condition_slugs()
    for node in nodes:
        problems = reference_problems(
            kind=node["kind"],
            tool=node["tool"],
            condition=node["condition"],
            next_key=node["next"],
            node_keys=seen,
            condition_slugs=conditions,
        )
        problems += [
            f"choices[{index}]: {missing_node_message(choice['next'])}"
            for index, choice in enumerate(node["choices"])
            if choice["next"] not in seen
        ]
        report.errors.extend(f"{node['id']}: {problem}" for problem in problems)
    return nodes


def _write(node, canonical, position):
    node.kind, node.tool, node.condition, node.next = (canonical[k] for k in ("kind", "tool", "condition", "next"))
    node.position = position
    for lang, text in canonical["text"].items():
        setattr(node, _column("text", lang), text)
    node.text = canonical["text"]["en"]
    node.loaded_checksum = node_checksum(canonical)
    node._change_reason = LOAD_REASON
    node.save()
    for choice in node.choices.all():
        choice._change_reason = LOAD_REASON
        choice.delete()
    for index, raw in enumerate(canonical["choices"]):
        choice = Choice(node=node, position=index, next=raw["next"], label=raw["label"]["en"])
        for lang, label in raw["label"].items():
            setattr(choice, _column("label", lang), label)
        choice._change_reason = LOAD_REASON
        choice.save()


def flow_load(*, data, force=False):
    """Load ``data`` into the database, all or nothing; nodes edited in the admin are kept unless ``force``."""
    report = FlowReport()
    nodes = flow_validate(data=data, report=report)
    if report.errors:
        return report
    existing = {node.key: node for node in Node.objects.prefetch_related("choices")}
    with transaction.atomic():
        for position, canonical in enumerate(nodes):
            node = existing.get(canonical["id"])
            if node is None:
                _write(Node(key=canonical["id"]), canonical, position)
                report.created.append(canonical["id"])
                continue
            current = node_checksum(node_export(node))
            if current == node_checksum(canonical) and node.position == position:
                report.unchanged.append(node.key)
            elif current != node.loaded_checksum and not force:
                report.skipped_edited.append(node.key)
            else:
                _write(node, canonical, position)
                report.updated.append(node.key)
    return report
