"""Guide entries: the knowledge base every part of the product points at.

Translated fields (title, summary, cause, solution, body, sources_note, and the
text of reasons and steps) are registered in ``translation.py``; English is the
fallback. Verbatim API data (messages, codes, types, exception names, example
texts) is never translated and lives in JSON lists.

At the end, the diagnoser's vocabulary: concepts and their wordings per language,
pointing to entries (loaded from ``data/diagnosis_vocabulary.json``, edited in the admin).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from troubleshooter.lib.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES


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


class ProviderMessage(models.Model):
    """How another LLM API or relay words this entry's error (DeepSeek, Gemini, Qianfan, one-api…), verbatim.

    The diagnoser reads each as a known API message and as evidence for its entry; the entry's page
    lists them by provider. Never translated: users paste them as the provider sends them.
    """

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="provider_messages")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    provider = models.CharField(_("provider"), max_length=80)
    status = models.PositiveSmallIntegerField(
        _("HTTP status"),
        null=True,
        blank=True,
        validators=[MinValueValidator(100), MaxValueValidator(599)],
        help_text=_("Empty when the provider documents none."),
    )
    code = models.CharField(_("code"), max_length=120, blank=True)
    message = models.CharField(_("message (verbatim)"), max_length=500)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("provider's wording")
        verbose_name_plural = _("providers' wordings")

    def __str__(self):
        return f"{self.provider}: {self.message}"


# ---------------------------------------------------------------- the diagnoser's vocabulary

ENTRIES_ONLY_WHEN_POINTING = _(
    "Only a concept that points to entries can name entries: change its role or remove the entries."
)


class Concept(models.Model):
    """A concept the diagnoser recognises, with its wordings in each language: data an admin edits.

    Each language's wordings are case-insensitive regular expressions, one per line; a text
    matching any of them, in any language, shows the concept. A concept that points to
    entries is evidence for them (a "message" rule of the concept's weight on each); the two
    other roles feed the gate that tells a failed API call from any other error text.
    """

    class Role(models.TextChoices):
        ENTRIES = "entries", _("points to entries")
        API_SIGNS = "api_signs", _("sign of a failed API call")
        API_CONTEXT = "api_context", _("API context")
        LLM_CONTEXT = "llm_context", _("LLM context")
        OTHER_APIS = "other_apis", _("another service, not an LLM API")

    name = models.CharField(_("name"), max_length=100, unique=True)
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=Role.choices,
        default=Role.ENTRIES,
        help_text=_(
            "Points to entries: its wordings are evidence for the entries below. "
            "Sign of a failed API call: wordings only a failed HTTP API call produces. "
            "API context: words that place a generic failure (a timeout, a refused connection) in an API's world. "
            "LLM context: words only an LLM API's world uses (a provider, a model, an LLM app); they are API context "
            "too. Another service: names and addresses of services that are not LLM APIs (a chat platform, a code "
            "host's API, a container registry); a text naming one without a word of an LLM's world is that "
            "service's failure."
        ),
    )
    label = models.CharField(
        _("evidence shown to the user"),
        max_length=200,
        blank=True,
        help_text=_(
            "For example: “wording about quota, balance or credits”. Needed when the concept points to entries."
        ),
    )
    wordings = models.TextField(
        _("wordings"),
        blank=True,
        help_text=_("One case-insensitive regular expression per line, as people write it in this language."),
    )
    entries = models.ManyToManyField(
        Entry, through="ConceptEntry", blank=True, related_name="concepts", verbose_name=_("entries")
    )
    loaded_checksum = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("concept of the diagnoser")
        verbose_name_plural = _("concepts of the diagnoser")

    def __str__(self):
        return self.name

    def wording_lines(self, language):
        """The wordings written for ``language``, one regular expression each, blank lines left out."""
        column = getattr(self, build_localized_fieldname("wordings", language)) or ""
        return [line.strip() for line in column.splitlines() if line.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        from errors_kb.diagnosis.rules import pattern_error

        super().clean()
        errors = {}
        for language in LANGUAGE_CODES:
            column = build_localized_fieldname("wordings", language)
            lines = (getattr(self, column) or "").splitlines()
            problems = [
                _("Line %(number)d, “%(wording)s”: %(problem)s")
                % {"number": number, "wording": line.strip(), "problem": problem}
                for number, line in enumerate(lines, start=1)
                if line.strip() and (problem := pattern_error(line.strip()))
            ]
            if problems:
                errors[column] = problems
        english_label = build_localized_fieldname("label", DEFAULT_LANGUAGE)
        if self.role == self.Role.ENTRIES and not (getattr(self, english_label) or "").strip():
            errors[english_label] = _(
                "A concept that points to entries needs an English label: the diagnosis shows it as evidence."
            )
        if errors:
            raise ValidationError(errors)


class ConceptEntry(models.Model):
    """An entry a concept is evidence for, and how strong that evidence is."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="entry_links")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="concept_links", verbose_name=_("entry"))
    weight = models.FloatField(_("weight"), default=0.75)

    class Meta:
        ordering = ["entry__slug"]
        constraints = [models.UniqueConstraint(fields=["concept", "entry"], name="concept_entry_once")]
        verbose_name = _("entry the concept points to")
        verbose_name_plural = _("entries the concept points to")

    def __str__(self):
        return f"{self.entry.slug} ({self.weight:g})"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.weight is not None and not -1.0 <= self.weight <= 1.0:
            raise ValidationError({"weight": _("The weight must be between -1 and 1 (negative counts against).")})
