"""Guide entries: the knowledge base every part of the product points at.

Translated fields (title, summary, cause, solution, body, sources_note, and the
text of reasons and steps) are registered in ``translation.py``; English is the
fallback. Verbatim API data (messages, codes, types, exception names, example
texts) is never translated and lives in JSON lists.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_http_statuses(value):
    if not isinstance(value, list) or not all(isinstance(v, int) and 100 <= v <= 599 for v in value):
        raise ValidationError(_("List HTTP statuses as whole numbers from 100 to 599."))


class EntryQuerySet(models.QuerySet):
    def conditions(self):
        return self.filter(kind=Entry.Kind.CONDITION)

    def exceptions(self):
        return self.filter(kind=Entry.Kind.EXCEPTION)

    def topics(self):
        return self.filter(kind=Entry.Kind.TOPIC)


class Entry(models.Model):
    class Kind(models.TextChoices):
        CONDITION = "condition", _("Error condition")
        EXCEPTION = "exception", _("Library exception")
        TOPIC = "topic", _("Reference")

    class Actor(models.TextChoices):
        YOU = "you", _("You")
        ORG_OWNER = "org_owner", _("Your organization's owner")
        OPENAI = "openai", _("OpenAI")
        PROVIDER = "provider", _("Your gateway or network provider")

    class Retry(models.TextChoices):
        YES = "yes", _("Retrying helps")
        AFTER_WAIT = "after_wait", _("Retrying helps after a wait")
        NO = "no", _("Retrying does not help")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CONDITION)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    cause = models.TextField(_("cause"), blank=True, help_text=_("Markdown."))
    solution = models.TextField(_("solution"), blank=True, help_text=_("Markdown."))
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    sources_note = models.TextField(_("where the sources disagree"), blank=True, help_text=_("Markdown."))
    search_terms = models.TextField(
        _("search terms"),
        blank=True,
        help_text=_("One per line: how people describe this problem when they search; never shown on the page."),
    )

    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    api_messages = models.JSONField(_("API messages (verbatim)"), default=list, blank=True)
    error_codes = models.JSONField(_("error codes"), default=list, blank=True)
    error_types = models.JSONField(_("error types"), default=list, blank=True)
    sdk_exceptions = models.JSONField(_("SDK exceptions"), default=list, blank=True)
    other_statuses = models.JSONField(
        _("other HTTP statuses"),
        default=list,
        blank=True,
        validators=[validate_http_statuses],
        help_text=_("Other statuses this condition arrives with: a CDN's 520–524, an older API's 429 for an overload."),
    )
    client_exceptions = models.JSONField(
        _("other libraries' exceptions"),
        default=list,
        blank=True,
        help_text=_("Exceptions of HTTP clients and other libraries that mean this condition (httpx.ConnectError)."),
    )
    evidence_weight = models.FloatField(
        _("weight of status and exception alone"),
        default=0.3,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_(
            "How strongly the HTTP status or the exception alone points to this condition, from 0 to 1, when "
            "nothing more specific is known. A status or exception only this condition lists counts as strong "
            "evidence anyway."
        ),
    )
    examples = models.JSONField(_("example error texts"), default=list, blank=True)
    who_acts = models.CharField(_("who must act"), max_length=12, choices=Actor.choices, blank=True)
    retry = models.CharField(_("can retrying help"), max_length=12, choices=Retry.choices, blank=True)
    related = models.ManyToManyField("self", symmetrical=False, blank=True, verbose_name=_("related entries"))

    revision = models.PositiveIntegerField(default=1, editable=False)
    loaded_checksum = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("guide entry")
        verbose_name_plural = _("guide entries")

    def __str__(self):
        return f"{self.slug}: {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("errors_kb:entry_detail", kwargs={"slug": self.slug})


class OrderedText(models.Model):
    """A numbered Markdown paragraph of an entry; order is meaning."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"), help_text=_("Markdown."))

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:60]


class Reason(OrderedText):
    """Why the condition happens."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reasons")

    class Meta(OrderedText.Meta):
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")


class Step(OrderedText):
    """One resolution step; steps are followed in order."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="steps")

    class Meta(OrderedText.Meta):
        verbose_name = _("resolution step")
        verbose_name_plural = _("resolution steps")


class MatchRule(models.Model):
    """A wording the diagnoser looks for in the message or the whole text; a match adds its weight to the entry.

    Rules are data: an admin can make a new entry diagnosable without a code change. Codes, types,
    statuses and exception names are not rules: they are read from the entry's own fields.
    """

    class Field(models.TextChoices):
        MESSAGE = "message", _("error message")
        TEXT = "text", _("anywhere in the text")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="match_rules")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    field = models.CharField(_("looks at"), max_length=12, choices=Field.choices, default=Field.TEXT)
    pattern = models.CharField(_("pattern"), max_length=500, help_text=_("A case-insensitive regular expression."))
    weight = models.FloatField(_("weight"), default=1.0)
    label = models.CharField(
        _("evidence shown to the user"),
        max_length=200,
        blank=True,
        help_text=_("For example: “message mentions billing”. Empty: described from the field and pattern."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("match rule")
        verbose_name_plural = _("match rules")

    def __str__(self):
        return f"{self.field} ~ {self.pattern}"

    def clean(self):
        from errors_kb.diagnosis.rules import pattern_error

        super().clean()
        errors = {}
        problem = pattern_error(self.pattern or "")
        if problem:
            errors["pattern"] = problem
        if self.weight is not None and not -1.0 <= self.weight <= 1.0:
            errors["weight"] = _("The weight must be between -1 and 1 (negative counts against).")
        if errors:
            raise ValidationError(errors)
