"""Reads of the flow: the whole graph (for the API and the pages), reachability, and where a diagnosis lands.

Where a pasted error lands is computed from the graph, not listed: a clear diagnosis goes to
the resolution of its condition; an ambiguous one to the narrowest question whose branches
reach every candidate, so the wizard asks only what settles it.
"""

from collections import deque
from dataclasses import dataclass

from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from errors_kb.models import Entry
from troubleshooter.wizard.flow_rules import START_KEY
from troubleshooter.wizard.models import Node


@dataclass(frozen=True)
class Flow:
    nodes: dict  # key -> Node, choices prefetched

    def successors(self, key):
        node = self.nodes[key]
        targets = [choice.next for choice in node.choices.all()]
        if node.next:
            targets.append(node.next)
        return [target for target in targets if target in self.nodes]

    def reachable(self, start=START_KEY):
        """Keys reachable from ``start``, in breadth-first order."""
        seen, queue = {start: None}, deque([start])
        while queue:
            for target in self.successors(queue.popleft()):
                if target not in seen:
                    seen[target] = None
                    queue.append(target)
        return list(seen)

    def conditions_from(self, key):
        return {self.nodes[k].condition for k in self.reachable(key) if self.nodes[k].kind == Node.Kind.RESOLUTION}

    def steps_to_an_end(self, key):
        """Fewest moves from ``key`` to a resolution or the ticket (0 when already there)."""
        ends = (Node.Kind.RESOLUTION, Node.Kind.TICKET)
        depth, queue, seen = {key: 0}, deque([key]), {key}
        while queue:
            current = queue.popleft()
            if self.nodes[current].kind in ends:
                return depth[current]
            for target in self.successors(current):
                if target not in seen:
                    seen.add(target)
                    depth[target] = depth[current] + 1
                    queue.append(target)
        return 0

    def resolution_for(self, condition):
        """The node that resolves ``condition``, reached after any tool that leads to it."""
        for key in self.reachable():
            node = self.nodes[key]
            if node.kind == Node.Kind.RESOLUTION and node.condition == condition:
                return key
        return None

    def landing_for(self, conditions):
        """Where a diagnosis naming ``conditions`` (likeliest first) starts: the narrowest question whose
        branches reach them all (dropping the least likely until one does), or the resolution of the one left."""
        wanted = list(conditions)
        while len(wanted) > 1:
            questions = [
                (len(reach), key)
                for key in self.reachable()
                if self.nodes[key].kind == Node.Kind.QUESTION and set(wanted) <= (reach := self.conditions_from(key))
            ]
            if questions:
                return min(questions)[1]
            wanted.pop()
        return (self.resolution_for(wanted[0]) if wanted else None) or START_KEY


# A condition the diagnoser gives at least this much is worth a question before the resolution.
ASK_ABOUT_CONFIDENCE = 0.1


def conditions_to_settle(diagnosis):
    """The conditions the wizard must still choose between: the best alone when the text is clear
    (it carries the body's code or message and the diagnoser is sure), else every likely one."""
    if not diagnosis.matches:
        return []
    bare = not (diagnosis.extracted.code or diagnosis.extracted.message)
    if diagnosis.ambiguous or bare:
        return [match.condition for match in diagnosis.matches if match.confidence >= ASK_ABOUT_CONFIDENCE]
    return [diagnosis.best.condition]


def flow_current():
    return Flow(nodes={node.key: node for node in Node.objects.prefetch_related("choices")})


def _text(obj, name, lang):
    return getattr(obj, build_localized_fieldname(name, lang)) or getattr(obj, name) or ""


def node_text(node, *, lang, titles):
    """The node's text in ``lang``; a resolution without one shows its guide entry's title."""
    return _text(node, "text", lang) or titles.get(node.condition, "")


def condition_titles(*, lang):
    return {entry.slug: _text(entry, "title", lang) for entry in Entry.objects.conditions().only("slug", "title")}


def node_moves(node, *, lang):
    """The node's ways forward as (label, next): its choices, or the one move a tool or resolution has."""
    if node.kind == Node.Kind.QUESTION:
        return [(_text(choice, "label", lang), choice.next) for choice in node.choices.all()]
    if node.next:
        return [(_("Continue") if node.kind == Node.Kind.TOOL else _("Not fixed"), node.next)]
    return []


def flow_graph(*, lang):
    """The API's answer (DESIGN.md): start, and every node with its text, choices and condition."""
    flow, titles = flow_current(), condition_titles(lang=lang)
    return {
        "start": START_KEY,
        "nodes": [
            {
                "id": key,
                "kind": node.kind,
                "text": node_text(node, lang=lang, titles=titles),
                "choices": [{"label": label, "next": target} for label, target in node_moves(node, lang=lang)],
                "condition": node.condition or None,
            }
            for key, node in flow.nodes.items()
        ],
    }
