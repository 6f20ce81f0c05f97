"""Pages for signed-in users: the dashboard, profile forms, "check now" and a run's page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from troubleshooter.health.forms import ProfileForm
from troubleshooter.health.models import CheckRun, Profile, RunStatus
from troubleshooter.health.notify import WebhookFailed, sample_payload, webhook_send
from troubleshooter.health.openai_status import me_or_openai, status_now
from troubleshooter.health.queries import condition_titles, dashboard_rows, run_stages
from troubleshooter.health.services import check_request, checks_all, profile_schedule_start, queue_answers
from troubleshooter.lib.ratelimit import rate_limited

HTMX_STOP_POLLING = 286


@login_required
def dashboard(request):
    rows = dashboard_rows(user=request.user, now=timezone.now())
    titles = condition_titles(row.profile.condition for row in rows)
    context = {"rows": rows, "titles": titles, "openai_status": status_now()}
    return render(request, "health/dashboard.html", context)


@login_required
def profile_edit(request, profile_id=None):
    if profile_id is None:
        profile = Profile(owner=request.user)
    else:
        profile = get_object_or_404(Profile.objects.owned_by(request.user), pk=profile_id)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile_schedule_start(profile=form.save())
        return redirect("health:dashboard")
    return render(request, "health/profile_form.html", {"form": form, "profile": profile})


@login_required
@require_POST
@rate_limited(group="health-checks", rate_setting="checks")
def profile_check(request, profile_id):
    profile = get_object_or_404(Profile.objects.owned_by(request.user), pk=profile_id)
    run = check_request(profile=profile)
    return redirect("health:run_detail", run_id=run.pk)


@login_required
@require_POST
@rate_limited(group="health-checks", rate_setting="checks")
def check_all(request):
    checks_all(owner=request.user)
    return redirect("health:dashboard")


@login_required
def run_detail(request, run_id):
    run = get_object_or_404(CheckRun.objects.select_related("profile").filter(profile__owner=request.user), pk=run_id)
    context = {"run": run, "stages": run_stages(run), "titles": condition_titles([run.condition])}
    if run.status == RunStatus.QUEUED:
        context["queue_down"] = not queue_answers()
    if run.finished and run.condition:
        context["me_or_openai"] = me_or_openai(condition=run.condition, when=run.finished_at)
        # The wizard finds where this condition's fix starts; health only knows its address.
        context["explain_url"] = (
            reverse("wizard:explain") + "?" + urlencode({"condition": run.condition, "run": run.pk})
        )
    if not request.htmx:
        return render(request, "health/run_detail.html", context)
    response = render(request, "health/run_detail.html#run-progress", context)
    if run.finished:
        response.status_code = HTMX_STOP_POLLING
    return response


@login_required
@require_POST
def webhook_test(request, profile_id):
    profile = get_object_or_404(Profile.objects.owned_by(request.user).exclude(webhook_url=""), pk=profile_id)
    try:
        status = webhook_send(profile=profile, payload=sample_payload(profile=profile))
    except WebhookFailed as failure:
        messages.error(request, _("The test webhook was not taken: %(reason)s") % {"reason": failure})
    else:
        messages.success(request, _("The test webhook was delivered (HTTP %(status)s).") % {"status": status})
    return redirect("health:profile_edit", profile_id=profile.pk)
