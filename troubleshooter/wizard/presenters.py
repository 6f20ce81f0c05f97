"""What a wizard step shows: one dict per step, built from the flow, the URL state and the guide."""

from django.urls import reverse
from django.utils.translation import get_language

from errors_kb import selectors
from troubleshooter.wizard.flow_rules import START_KEY
from troubleshooter.wizard.forms import OneOffCheckForm
from troubleshooter.wizard.graph import condition_titles, node_moves, node_text
from troubleshooter.wizard.health_links import live_check_profiles, openai_side
from troubleshooter.wizard.models import Node
from troubleshooter.wizard.retry_code import LIBRARY_VERSIONS, retry_snippet
from troubleshooter.wizard.ticket_prefill import ticket_form_action, ticket_prefill


def step_context(*, flow, state, user, run=None, check=None, check_form=None, fixed=False):
    """``run`` is the attached check run, already checked to be ``user``'s own."""
    lang = get_language()
    node = flow.nodes[state.current]
    titles = condition_titles(lang=lang)
    base = reverse("wizard:step")
    steps_left = flow.steps_to_an_end(state.current)
    context = {
        "node": node,
        "state": state,
        "text": node_text(node, lang=lang, titles=titles),
        "moves": [
            {"label": label, "url": base + state.forward(target)} for label, target in node_moves(node, lang=lang)
        ],
        "back_url": base + state.back() if state.back() else None,
        "start_url": base,
        "here_url": base + state.query(),
        "step_number": len(state.path),
        "progress": round(100 * len(state.path) / (len(state.path) + steps_left)),
        "fixed": fixed,
        "run": run,
        "run_title": titles.get(run.condition, run.condition) if run else "",
    }
    if node.kind == Node.Kind.RESOLUTION:
        context["entry"] = selectors.entry_get(slug=node.condition)
        context["openai_side"] = openai_side(condition=node.condition, run=run)
        context["check_profiles"] = live_check_profiles(user=user)
        context["one_off_form"] = OneOffCheckForm()
    elif node.kind == Node.Kind.TOOL and node.tool == Node.Tool.RETRY_CODE:
        context["libraries"] = [
            {
                "version": version,
                "label": info["label"],
                "url": base + state.query(lib=version),
                "chosen": version == state.lib,
            }
            for version, info in LIBRARY_VERSIONS.items()
        ]
        context["snippet"] = retry_snippet(version=state.lib) if state.lib else None
    elif node.kind == Node.Kind.TOOL:
        context["check"], context["check_form"] = check, check_form
    elif node.kind == Node.Kind.TICKET:
        library = LIBRARY_VERSIONS.get(state.lib, {}).get("label", "")
        context["ticket_action"] = ticket_form_action(lang=lang)
        context["ticket"] = ticket_prefill(
            state=state, condition=state.last_condition(flow), library_label=str(library), lang=lang, run=run
        )
    return context


def home_panels():
    """The home page's way into the wizard: the symptoms (the start question's choices)."""
    from troubleshooter.wizard.graph import flow_current
    from troubleshooter.wizard.state import WizardState

    lang, flow = get_language(), flow_current()
    start, base = flow.nodes.get(START_KEY), reverse("wizard:step")
    symptoms = [
        {"label": label, "url": base + WizardState().forward(target)}
        for label, target in (node_moves(start, lang=lang) if start else [])
    ]
    return {"wizard_symptoms": symptoms}
