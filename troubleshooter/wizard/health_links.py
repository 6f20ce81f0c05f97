"""Where the wizard meets the health app: a check run attached to the wizard's state, and OpenAI's status.

An attached run is shown, and goes into a ticket, only for its owner: for anyone else the
state simply loses it, so a shared link never shows a stranger's run.
"""

from dataclasses import replace

from django.urls import reverse

from troubleshooter.health.models import Profile
from troubleshooter.health.openai_status import OPENAI_SIDE, me_or_openai, openai_status_now
from troubleshooter.health.queries import run_owned
from troubleshooter.wizard.flow_rules import START_KEY
from troubleshooter.wizard.state import WizardState


def condition_url(*, flow, condition, run=""):
    """The wizard at the resolution of a condition (or its start); None while no flow is loaded."""
    if START_KEY not in flow.nodes:
        return None
    landing = flow.resolution_for(condition) if condition else None
    path = (START_KEY, landing) if landing and landing != START_KEY else (START_KEY,)
    return reverse("wizard:step") + WizardState(path=path, run=run).query()


def run_attached(*, state, user):
    """(state, run): the user's own attached run, or the state without the run and None."""
    run = run_owned(user=user, run_id=state.run) if state.run else None
    return (state, run) if run else (replace(state, run=""), None)


def openai_side(*, condition, run):
    """For a condition on OpenAI's side: {"level", "text"} of OpenAI's status when the attached run
    failed with it, else now; None for any other condition."""
    if condition not in OPENAI_SIDE:
        return None
    if run and run.condition == condition and run.finished_at:
        return {"level": "then", "text": me_or_openai(condition=condition, when=run.finished_at)}
    return openai_status_now()


def live_check_profiles(*, user):
    """The signed-in user's enabled connection profiles, which a resolution offers to check now."""
    if not user.is_authenticated:
        return []
    return list(Profile.objects.owned_by(user).filter(enabled=True).only("pk", "name").order_by("name"))
