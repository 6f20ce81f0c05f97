"""The wizard's one-off live check: a key typed into the form goes to the probe and nowhere else.

Not stored, not logged, not a task argument, not in a URL: the probe runs here, in the request,
with a short timeout. A visitor may check only the base URLs of ``WIZARD_ONE_OFF_BASE_URLS``;
a signed-in user any public one (the probe's outbound guard still refuses private addresses).
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from troubleshooter.health.probe import ProbeTarget, probe
from troubleshooter.health.queries import STAGE_LABELS

ONE_OFF_TIMEOUT_SECONDS = 10.0


class OneOffRefused(Exception):
    """A base URL this visitor may not check; the message is translated."""


@sensitive_variables("api_key", "target")  # an error report never shows the typed key
def one_off_check(*, base_url, api_key, model, user):
    """The probe's result for a key that is never kept; raises OneOffRefused for a URL not allowed."""
    base_url = base_url.strip().rstrip("/")
    if not user.is_authenticated and base_url not in settings.WIZARD_ONE_OFF_BASE_URLS:
        raise OneOffRefused(
            _("Without signing in, a live check can only go to %(urls)s.")
            % {"urls": ", ".join(settings.WIZARD_ONE_OFF_BASE_URLS)}
        )
    target = ProbeTarget(base_url=base_url, api_key=api_key.strip(), model=model, timeout=ONE_OFF_TIMEOUT_SECONDS)
    return probe(target)


def stage_rows(result):
    return [
        {
            "label": STAGE_LABELS.get(stage.name, stage.name),
            "ok": stage.ok,
            "latency_ms": stage.latency_ms,
            "detail": stage.detail,
        }
        for stage in result.stages
    ]
