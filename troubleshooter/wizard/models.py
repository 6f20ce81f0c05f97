"""The wizard's flow as rows: nodes (question, tool, resolution, ticket) and the choices between them.

A node is named by its ``key`` (the "id" of the API and of the data file); choices and
``next`` refer to keys, and a resolution refers to a guide condition by slug. Both kinds
of reference are checked in ``clean()`` (the admin) and by the loader, with the same
messages (``flow_rules.reference_problems``). Outcomes count "Did this fix it?" answers,
anonymously, per condition.
"""

from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Node(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        TOOL = "tool", _("Tool")
        RESOLUTION = "resolution", _("Resolution")
        TICKET = "ticket", _("Ticket")

    class Tool(models.TextChoices):
        REQUEST_CHECKER = "request_checker", _("Request checker")
        RETRY_CODE = "retry_code", _("Retry code")

    key = models.SlugField(_("id"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    tool = models.CharField(_("tool"), max_length=20, choices=Tool.choices, blank=True)
    condition = models.SlugField(
        _("condition"), max_length=80, blank=True, help_text=_("Resolutions: the slug of a guide condition.")
    )
    next = models.SlugField(
        _("next node"),
        max_length=80,
        blank=True,
        help_text=_("Tools: where “Continue” leads. Resolutions: where “Not fixed” leads."),
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("Resolutions may leave it empty: the guide entry's title is shown.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    loaded_checksum = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("wizard node")
        verbose_name_plural = _("wizard nodes")

    def __str__(self):
        return f"{self.key} ({self.get_kind_display()})"

    def clean(self):
        from django.core.exceptions import ValidationError

        from troubleshooter.wizard.flow_rules import reference_problems, stored_condition_slugs, stored_node_keys

        super().clean()
        problems = reference_problems(
            kind=self.kind,
            tool=self.tool,
            condition=self.condition,
            next_key=self.next,
            node_keys=stored_node_keys() | {self.key},
            condition_slugs=stored_condition_slugs(),
        )
        if problems:
            raise ValidationError(problems)


class Choice(models.Model):
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("label"), max_length=200)
    next = models.SlugField(_("next node"), max_length=80)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return f"{self.label} → {self.next}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from troubleshooter.wizard.flow_rules import missing_node_message, stored_node_keys

        super().clean()
        keys = stored_node_keys() | ({self.node.key} if self.node_id else set())
        if self.next and self.next not in keys:
            raise ValidationError({"next": missing_node_message(self.next)})


class OutcomeQuerySet(models.QuerySet):
    def condition_counts_since(self, since):
        """{condition: answers given since then}."""
        rows = self.filter(created_at__gte=since).values("condition").annotate(count=Count("id"))
        return {row["condition"]: row["count"] for row in rows}


class Outcome(models.Model):
    """One anonymous answer to "Did this fix it?"; nothing about who answered is kept."""

    condition = models.SlugField(max_length=80)
    resolved = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("wizard outcome")
        verbose_name_plural = _("wizard outcomes")
