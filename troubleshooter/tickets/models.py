"""A persistent error filed for support: what OpenAI's support asks for, secrets already removed."""

import secrets
from datetime import timedelta

from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Every stored text is bounded; the form and the API say so before anything is saved.
LIMITS = {
    "model": 100,
    "error_message": 8000,
    "error_code": 100,
    "request_body": 16000,
    "request_headers": 4000,
    "details": 8000,
    "environment": 500,
    "request_id": 100,
    "wizard_path": 2000,
    "contact_email": 254,
    "timezone": 64,
    "note": 4000,
}
SIMILAR_WITHIN = timedelta(hours=1)


def new_secret():
    return secrets.token_urlsafe(24)


class TicketQuerySet(models.QuerySet):
    def condition_counts_since(self, since):
        """{condition: tickets filed since then}, tickets the diagnoser named a condition for."""
        rows = self.filter(created_at__gte=since).exclude(condition="").values("condition").annotate(n=Count("id"))
        return {row["condition"]: row["n"] for row in rows}

    def open(self):
        return self.exclude(status__in=(Ticket.Status.RESOLVED, Ticket.Status.CLOSED))

    def similar_to(self, ticket):
        """Same condition and model, filed within an hour of it: one problem seen by several people."""
        return self.filter(
            condition=ticket.condition,
            model=ticket.model,
            created_at__gte=ticket.created_at - SIMILAR_WITHIN,
            created_at__lte=ticket.created_at + SIMILAR_WITHIN,
        ).exclude(condition="")


class Ticket(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        WAITING = "waiting", _("Waiting")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    secret = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("filed at"), default=timezone.now, db_index=True)

    model = models.CharField(_("model"), max_length=LIMITS["model"], blank=True)
    error_message = models.TextField(_("error message"), max_length=LIMITS["error_message"])
    error_code = models.CharField(_("error code"), max_length=LIMITS["error_code"], blank=True)
    request_body = models.TextField(_("request body"), max_length=LIMITS["request_body"], blank=True)
    request_headers = models.TextField(_("request headers"), max_length=LIMITS["request_headers"], blank=True)
    occurred_at = models.DateTimeField(_("when it happened"))
    timezone = models.CharField(_("time zone"), max_length=LIMITS["timezone"], default="UTC")
    details = models.TextField(_("other details"), max_length=LIMITS["details"], blank=True)
    contact_email = models.EmailField(_("contact address"), max_length=LIMITS["contact_email"], blank=True)

    condition = models.SlugField(_("condition"), max_length=100, blank=True, db_index=True)
    request_id = models.CharField(_("request id"), max_length=LIMITS["request_id"], blank=True)
    openai_version = models.CharField(_("openai library version"), max_length=40, blank=True)
    python_version = models.CharField(_("Python version"), max_length=40, blank=True)
    os_name = models.CharField(_("operating system"), max_length=100, blank=True)
    # Hooks for the wizard and health checks, which land in their own branches: plain values,
    # not foreign keys, so this app does not depend on theirs.
    wizard_path = models.TextField(_("path through the wizard"), max_length=LIMITS["wizard_path"], blank=True)
    health_run_id = models.CharField(_("health check run"), max_length=64, blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")

    def __str__(self):
        return self.reference

    @property
    def is_settled(self):
        return self.status in (self.Status.RESOLVED, self.Status.CLOSED)


class TicketEvent(models.Model):
    """The ticket's timeline: a status change, a note from the filer or from staff."""

    class Kind(models.TextChoices):
        FILED = "filed", _("Filed")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Note")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Ticket.Status.choices, blank=True)
    note = models.TextField(max_length=LIMITS["note"], blank=True)
    by_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")
