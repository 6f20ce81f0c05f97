"""Thin tasks: ids in, a service call, retry policy and time limits here.

A check retries for infrastructure only (the database or the broker hiccuped); what the API
said is a result, recorded and never retried. A webhook the receiver did not take is retried
with backoff, unless retrying cannot help. The schedule lives in CELERY_BEAT_SCHEDULE: one tick
a minute queues the profiles whose next_check_at is due (see services.checks_due).
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from troubleshooter.health import notify, openai_status, services
from troubleshooter.health.models import CheckRun, Profile

logger = logging.getLogger(__name__)

INFRASTRUCTURE_ERRORS = (OperationalError, InterfaceError, ConnectionError)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=400,  # above the longest probe: three requests of at most 120 s each
    time_limit=430,
    autoretry_for=INFRASTRUCTURE_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
    ignore_result=True,
)
def run_check(profile_id, run_id=None):
    try:
        services.check_run(profile_id=profile_id, run_id=run_id)
    except SoftTimeLimitExceeded:
        run = CheckRun.objects.filter(pk=run_id).first()
        if run is not None:
            services.run_fail(run=run)


@shared_task(acks_late=True, ignore_result=True, autoretry_for=INFRASTRUCTURE_ERRORS, max_retries=3)
def check_due():
    services.checks_due()


@shared_task(acks_late=True, ignore_result=True, autoretry_for=INFRASTRUCTURE_ERRORS, max_retries=3)
def reap():
    services.runs_reap()


@shared_task(ignore_result=True, soft_time_limit=30, time_limit=40)
def openai_status_poll():
    openai_status.status_poll()


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=6)
def send_webhook(self, profile_id, run_id, previous):
    """Deliver one alert; transient failures retried with exponential backoff (10 s … about 5 min)."""
    profile = Profile.objects.filter(pk=profile_id).exclude(webhook_url="").first()
    run = CheckRun.objects.filter(pk=run_id).first()
    if profile is None or run is None:
        return
    try:
        notify.webhook_send(profile=profile, payload=notify.alert_payload(profile=profile, run=run, previous=previous))
    except notify.WebhookFailed as failure:
        if failure.permanent:
            logger.warning("webhook of profile %s refused: %s", profile_id, failure)
            return
        raise self.retry(countdown=10 * 2**self.request.retries) from None
