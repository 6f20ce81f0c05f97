"""Connection profiles (an API key encrypted at rest, what to check, how often) and their check runs."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from troubleshooter.health.secrets import key_decrypt, key_encrypt
from troubleshooter.lib.redact import mask_key

OPENAI_BASE_URL = "https://api.openai.com/v1"


class Flavor(models.TextChoices):
    OPENAI = "openai", _("OpenAI or a compatible gateway (Authorization: Bearer)")
    AZURE = "azure", _("Azure OpenAI (api-key header and api-version)")


class State(models.TextChoices):
    UNKNOWN = "unknown", _("Not checked yet")
    HEALTHY = "healthy", _("Healthy")
    DEGRADED = "degraded", _("Degraded")
    FAILING = "failing", _("Failing")


class Schedule(models.IntegerChoices):
    OFF = 0, _("Off")
    EVERY_5 = 5, _("Every 5 minutes")
    EVERY_15 = 15, _("Every 15 minutes")
    EVERY_60 = 60, _("Every hour")


class ProfileQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def due(self, *, now):
        return self.filter(enabled=True, schedule_minutes__gt=0, next_check_at__lte=now)


class Profile(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_profiles")
    name = models.CharField(_("name"), max_length=100)
    base_url = models.URLField(_("base URL"), max_length=500, default=OPENAI_BASE_URL)
    flavor = models.CharField(_("API flavor"), max_length=10, choices=Flavor.choices, default=Flavor.OPENAI)
    api_version = models.CharField(_("Azure api-version"), max_length=40, blank=True)
    key_ciphertext = models.TextField(editable=False)
    key_fingerprint = models.CharField(_("API key"), max_length=40, editable=False)
    organization = models.CharField(_("organization id"), max_length=100, blank=True)
    project = models.CharField(_("project id"), max_length=100, blank=True)
    proxy_url = models.CharField(_("proxy URL"), max_length=500, blank=True)
    model = models.CharField(_("model to test"), max_length=100, default="gpt-4o-mini")
    timeout_seconds = models.FloatField(_("timeout (seconds)"), default=20.0)
    schedule_minutes = models.PositiveSmallIntegerField(_("schedule"), choices=Schedule.choices, default=Schedule.OFF)
    enabled = models.BooleanField(_("enabled"), default=True)
    completion_check = models.BooleanField(
        _("send a one-token completion"), default=False, help_text=_("Costs a few tokens on every check.")
    )
    notify_email = models.EmailField(_("email alerts to"), blank=True)
    webhook_url = models.URLField(_("webhook URL"), max_length=500, blank=True)
    webhook_secret_ciphertext = models.TextField(blank=True, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.UNKNOWN)
    condition = models.CharField(_("condition"), max_length=100, blank=True)
    # The state changes after HEALTH_STATE_AFTER consecutive results agree: one blip does not flap.
    pending_state = models.CharField(max_length=10, choices=State.choices, blank=True)
    pending_count = models.PositiveSmallIntegerField(default=0)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("connection profile")
        verbose_name_plural = _("connection profiles")

    def __str__(self):
        return self.name

    def set_key(self, key: str):
        self.key_ciphertext = key_encrypt(key)
        self.key_fingerprint = mask_key(key)

    def api_key(self) -> str:
        return key_decrypt(self.key_ciphertext)

    def webhook_secret(self) -> str:
        """The HMAC-SHA256 secret the webhook's receiver verifies with; made on first use."""
        if not self.webhook_secret_ciphertext:
            self.webhook_secret_ciphertext = key_encrypt(secrets.token_urlsafe(32))
            if self.pk:
                Profile.objects.filter(pk=self.pk).update(webhook_secret_ciphertext=self.webhook_secret_ciphertext)
        return key_decrypt(self.webhook_secret_ciphertext)

    def record_outcome(self, *, outcome: str, condition: str | None) -> str | None:
        """Count one result; the state changes after HEALTH_STATE_AFTER agreeing results in a row
        (at once from "not checked yet"). Returns the previous state when it changed."""
        if outcome == self.state:
            self.pending_state, self.pending_count = "", 0
            self.condition = condition or ""
            return None
        if outcome == self.pending_state:
            self.pending_count += 1
        else:
            self.pending_state, self.pending_count = outcome, 1
        if self.state != State.UNKNOWN and self.pending_count < settings.HEALTH_STATE_AFTER:
            return None
        previous = self.state
        self.state, self.condition = outcome, condition or ""
        self.pending_state, self.pending_count = "", 0
        return previous

    def schedule_next(self, *, now, not_before=None):
        """Next scheduled check: the schedule's interval, never sooner than what the API asked for."""
        if not self.schedule_minutes:
            self.next_check_at = None
            return
        self.next_check_at = max(filter(None, [now + timedelta(minutes=self.schedule_minutes), not_before]))


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Could not run")


class CheckRunQuerySet(models.QuerySet):
    def stuck(self, *, now):
        return self.filter(
            status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
            created_at__lt=now - timedelta(minutes=settings.HEALTH_STUCK_MINUTES),
        )

    def expired(self, *, now):
        return self.filter(created_at__lt=now - timedelta(days=settings.HEALTH_RETENTION_DAYS))


class CheckRun(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    outcome = models.CharField(max_length=10, choices=State.choices, blank=True)
    condition = models.CharField(max_length=100, blank=True)
    retryable = models.BooleanField(default=False)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    stages = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    body = models.TextField(blank=True)  # secrets stripped, size capped
    retry_after_seconds = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = CheckRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("check run")
        verbose_name_plural = _("check runs")

    @property
    def finished(self):
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class ApiToken(models.Model):
    """A per-user token for the health API (Authorization: Bearer …); only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_api_tokens")
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    fingerprint = models.CharField(_("token"), max_length=20, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.fingerprint})"


class StatusSnapshot(models.Model):
    """What OpenAI's status page said at one poll (Statuspage v2 summary), or that it could not be read."""

    fetched_at = models.DateTimeField(default=timezone.now, db_index=True)
    reachable = models.BooleanField(default=False)
    indicator = models.CharField(max_length=20, blank=True)  # none, minor, major, critical
    description = models.CharField(max_length=200, blank=True)
    components = models.JSONField(default=list)  # [{"name", "status"}]
    incidents = models.JSONField(default=list)  # [{"name", "status", "impact", "components": [names]}]

    class Meta:
        ordering = ["-fetched_at", "-pk"]
        get_latest_by = "fetched_at"
