"""The wizard's pages: one step per URL (full page, or the #wizard-step partial for htmx), the paste
entry, the request checker and the "Did this fix it?" answer. The flow's API is in ``api.py``."""

from dataclasses import replace

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from errors_kb import selectors
from errors_kb.diagnose import diagnose_text
from troubleshooter.lib.ratelimit import rate_limited
from troubleshooter.lib.redact import mask_secrets
from troubleshooter.wizard.forms import OneOffCheckForm, OutcomeForm, PasteForm, RequestCheckForm
from troubleshooter.wizard.graph import conditions_to_settle, flow_current
from troubleshooter.wizard.health_links import condition_url, run_attached
from troubleshooter.wizard.live_check import OneOffRefused, one_off_check, stage_rows
from troubleshooter.wizard.models import Node, Outcome
from troubleshooter.wizard.presenters import step_context
from troubleshooter.wizard.request_check import request_check
from troubleshooter.wizard.state import MAX_REQUEST_IN_URL, WizardState


def _render_step(request, *, flow, state, status=200, **extra):
    template = "wizard/wizard.html#wizard-step" if request.htmx else "wizard/wizard.html"
    return render(request, template, step_context(flow=flow, state=state, user=request.user, **extra), status=status)


def _flow_and_state(request):
    """The flow, the URL's state, its attached run (only the user's own) and whether the path is broken."""
    flow = flow_current()
    state, run = run_attached(state=WizardState.from_query(request.GET), user=request.user)
    return flow, state, run, bool(state.unknown_steps(flow))


@never_cache  # it shows what was pasted: no cache may keep a copy
@require_http_methods(["GET", "POST"])
@rate_limited(group="wizard-check", rate_setting="request_checker")
def step(request):
    """A step; a POST is the request checker's form, answered on the same URL."""
    if request.method == "POST":
        return _check_request(request)
    flow, state, run, broken = _flow_and_state(request)
    if broken:
        return render(request, "wizard/step_not_found.html", {"start_url": reverse("wizard:step")}, status=404)
    return _render_step(request, flow=flow, state=state, run=run, fixed=request.GET.get("fixed") == "1")


@never_cache  # it shows what was pasted: no cache may keep a copy
@require_POST
@rate_limited(group="diagnose", rate_setting="diagnose")
def paste(request):
    """Diagnose the pasted error and start where it settles; the URL gets the text with secrets masked."""
    form = PasteForm(request.POST)
    if not form.is_valid():
        return render(request, "wizard/paste_invalid.html", {"form": form}, status=400)
    text = mask_secrets(form.cleaned_data["text"])
    diagnosis = diagnose_text(text)
    candidates = conditions_to_settle(diagnosis)
    landing = flow_current().landing_for(candidates) if candidates else None
    state = WizardState(path=("start", landing) if landing and landing != "start" else ("start",), text=text)
    return redirect(reverse("wizard:step") + state.query())


def _check_request(request):
    flow, state, run, broken = _flow_and_state(request)
    node = None if broken else flow.nodes[state.current]
    if node is None or node.tool != Node.Tool.REQUEST_CHECKER:
        return render(request, "wizard/step_not_found.html", {"start_url": reverse("wizard:step")}, status=404)
    form = RequestCheckForm(request.POST)
    if not form.is_valid():
        return _render_step(request, flow=flow, state=state, run=run, check_form=form, status=400)
    check = request_check(text=form.cleaned_data["body"], endpoint=form.cleaned_data["endpoint"])
    state = replace(state, req=mask_secrets(form.cleaned_data["body"])[:MAX_REQUEST_IN_URL])
    return _render_step(request, flow=flow, state=state, run=run, check=check, check_form=form)


@require_POST
def outcome(request):
    """Count the answer (anonymously); "yes" ends here, "no" moves on to the next branch."""
    flow, state, _run, broken = _flow_and_state(request)
    form = OutcomeForm(request.POST)
    node = None if broken else flow.nodes[state.current]
    if node is None or not form.is_valid() or node.condition != form.cleaned_data["condition"]:
        return render(request, "wizard/step_not_found.html", {"start_url": reverse("wizard:step")}, status=400)
    Outcome.objects.create(condition=node.condition, resolved=form.cleaned_data["resolved"])
    if form.cleaned_data["resolved"]:
        return redirect(reverse("wizard:step") + state.query() + "&fixed=1")
    return redirect(reverse("wizard:step") + state.forward(node.next))


@never_cache
@require_POST
@sensitive_post_parameters("api_key")  # the key never reaches an error report
@rate_limited(group="live-check", rate_setting="live_check")
@sensitive_variables("form")
def live_check(request):
    """A one-off live check: the typed key goes to the probe, in this request, and nowhere else."""
    form = OneOffCheckForm(request.POST)
    context = {"form": OneOffCheckForm(initial={k: v for k, v in request.POST.items() if k != "api_key"})}
    status = 400
    if form.is_valid():
        try:
            result = one_off_check(**form.cleaned_data, user=request.user)
        except OneOffRefused as refused:
            context["refused"] = str(refused)
        else:
            status = 200
            context["result"] = result
            context["stages"] = stage_rows(result)
            context["wizard_url"] = condition_url(flow=flow_current(), condition=result.condition)
            context["entry"] = selectors.entry_get(slug=result.condition) if result.condition else None
    template = "wizard/live_check.html#live-check-result" if request.htmx else "wizard/live_check.html"
    return render(request, template, context, status=200 if request.htmx else status)


@require_http_methods(["GET", "HEAD"])
def explain(request):
    """ "Explain this" from a health-check run: the wizard at the fix for its condition, the run attached."""
    flow = flow_current()
    condition = request.GET.get("condition", "")
    run = request.GET.get("run", "")
    return redirect(condition_url(flow=flow, condition=condition, run=run) or reverse("wizard:step"))
