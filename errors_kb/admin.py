"""Admin for guide entries: tabs per language, full history with revert, preview, export and import.
Then the diagnoser's vocabulary: concepts with their wordings per language, the entries they point to, export.

The writing rules live in ``guide_file.py`` (export), ``guide_loading.py`` (import),
``entry_history.py`` (history, revert, concurrent edits) and ``vocabulary_file.py`` (the
vocabulary's export); this module only wires them to admin pages.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from errors_kb.entry_history import (
    StaleEntryError,
    entry_children_as_of,
    entry_lock,
    entry_record_history,
    entry_revert,
)
from errors_kb.forms.entry_admin import STALE_ENTRY_MESSAGE, EntryAdminForm, GuideImportForm, RevertForm
from errors_kb.guide_file import GuideFileError, guide_dumps, guide_export, guide_parse, translated_fields
from errors_kb.guide_loading import guide_load
from errors_kb.models import (
    ENTRIES_ONLY_WHEN_POINTING,
    Concept,
    ConceptEntry,
    Entry,
    MatchRule,
    ProviderMessage,
    Reason,
    Step,
)
from errors_kb.rendering import markdown_html
from errors_kb.text_diff import diff_html
from errors_kb.vocabulary_file import vocabulary_export
from troubleshooter.lib.languages import LANGUAGE_CODES

MAX_LISTED_ERRORS = 20
MARKDOWN_FIELDS = ("cause", "solution", "body", "sources_note")
# Move with every save, or repeat the default language's column: not worth a line in the history.
HISTORY_UNLISTED_FIELDS = {"revision", "updated_at", "loaded_checksum", *translated_fields(Entry)}


class UnixNewlinesField(forms.CharField):
    """Browsers post textareas with \r\n line endings; the guide keeps \n.

    Normalised before the form compares with the stored value, so an untouched field
    is not "changed": no history noise, no \r\n in the API, no false "edited" for load_guide.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def json_download(data, filename):
    """`data` as the data files are written (guide_dumps), offered as a download named `filename`."""
    response = HttpResponse(guide_dumps(data), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class UnixNewlinesAdminMixin:
    """Every text input of the entry form and its inlines (reasons, steps, rules) goes through ``UnixNewlinesField``."""

    formfield_overrides = {
        models.CharField: {"form_class": UnixNewlinesField},
        models.TextField: {"form_class": UnixNewlinesField},
        models.SlugField: {},  # keeps its own SlugField form field
    }


class ReasonInline(UnixNewlinesAdminMixin, TranslationStackedInline):
    model = Reason
    extra = 0


class StepInline(UnixNewlinesAdminMixin, TranslationStackedInline):
    model = Step
    extra = 0


class MatchRuleInline(UnixNewlinesAdminMixin, TranslationStackedInline):
    """Stacked: as a table, the long patterns and three label languages pushed Delete off a 1280-px screen."""

    model = MatchRule
    extra = 0


class ProviderMessageInline(admin.TabularInline):
    """Other providers' wordings of this error: a table, each row short (provider, status, code, message)."""

    model = ProviderMessage
    extra = 0
    fields = ("position", "provider", "status", "code", "message")


def _history_text(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


class SuperuserOnlyAdmin:
    """Scheduler tables are operators' business: guide editors never see them in the admin."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    has_change_permission = has_delete_permission = has_view_permission

    def has_add_permission(self, request, *args):
        return request.user.is_superuser


def _keep_celery_beat_from_editors():
    for model, model_admin in list(admin.site._registry.items()):
        if model._meta.app_label == "django_celery_beat":
            admin.site.unregister(model)
            admin.site.register(
                model, type(model_admin.__class__.__name__, (SuperuserOnlyAdmin, model_admin.__class__), {})
            )


_keep_celery_beat_from_editors()
admin.site.site_header = admin.site.site_title = "Troubleshooter"
admin.site.index_title = gettext_lazy("Guide and site administration")


class EntryHistoryChanges(HistoricalRecordContextHelper):
    """Each changed field of a history record as a word diff (``text_diff``), not two shortened copies."""

    unlisted_fields = HISTORY_UNLISTED_FIELDS

    def context_for_delta_changes(self, delta):
        changes = []
        for change in delta.changes:
            if change.field in self.unlisted_fields:
                continue
            old = self.prepare_delta_change_value(change, change.old)
            new = self.prepare_delta_change_value(change, change.new)
            changes.append(
                {
                    "field": capfirst(self.model._meta.get_field(change.field).verbose_name),
                    "diff": diff_html(_history_text(old), _history_text(new)),
                }
            )
        return changes


def _children_in_order(formset):
    """The formset's rows as the editor left them (unsaved), without deleted or untouched blank ones."""
    rows = []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        rows.append(form.instance)
    return sorted(rows, key=lambda row: row.position or 0)


def entry_preview_languages(entry, *, reasons, steps):
    """One block per language: plain title and summary, sanitized Markdown for the rest."""
    blocks = []
    for code, name in settings.LANGUAGES:

        def text(field, obj=entry, code=code):
            return getattr(obj, build_localized_fieldname(field, code)) or ""

        blocks.append(
            {
                "code": code,
                "name": name,
                "title": text("title"),
                "summary": text("summary"),
                "sections": [
                    (Entry._meta.get_field(field).verbose_name, markdown_html(text(field), lang=code))
                    for field in MARKDOWN_FIELDS
                    if text(field)
                ],
                "reasons": [markdown_html(text("text", reason), lang=code) for reason in reasons],
                "steps": [markdown_html(text("text", step), lang=code) for step in steps],
            }
        )
    return blocks


@admin.register(Entry)
class EntryAdmin(UnixNewlinesAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = EntryAdminForm
    inlines = [ReasonInline, StepInline, MatchRuleInline, ProviderMessageInline]
    list_display = ("slug", "title", "kind", "http_status", "codes", "revision", "updated_at")
    list_filter = ("kind", "http_status", "who_acts", "retry")
    search_fields = ("slug", "title_en", "title_zh_hans", "title_ko", "error_codes", "error_types", "sdk_exceptions")
    readonly_fields = ("revision", "updated_at")
    filter_horizontal = ("related",)
    object_history_form_template = "admin/errors_kb/entry/revert_form.html"
    object_history_list_template = "admin/errors_kb/entry/history_list.html"
    fieldsets = (
        (None, {"fields": ("slug", "kind", "sort_order", "title", "summary", "seen_revision")}),
        (gettext_lazy("Explanation (Markdown)"), {"fields": ("cause", "solution", "body", "sources_note")}),
        (
            gettext_lazy("What the API and the library say (verbatim, never translated)"),
            {"fields": ("http_status", "api_messages", "error_codes", "error_types", "sdk_exceptions", "examples")},
        ),
        (
            gettext_lazy("How the diagnoser weighs the status and the exception"),
            {
                "fields": ("evidence_weight", "other_statuses", "client_exceptions"),
                "description": gettext_lazy(
                    "Codes, types, the HTTP status and exception names count as evidence for this entry without "
                    "rules; match rules below are for wordings in the message or the text."
                ),
            },
        ),
        (gettext_lazy("Guidance"), {"fields": ("who_acts", "retry", "related")}),
        (gettext_lazy("Search"), {"fields": ("search_terms",)}),
        (gettext_lazy("Revision"), {"fields": ("revision", "updated_at")}),
    )

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin_tabs.js"]

    @admin.display(description=gettext_lazy("error codes"))
    def codes(self, entry):
        return ", ".join(entry.error_codes)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="errors_kb_entry_export"),
            path("import/", view(self.import_view), name="errors_kb_entry_import"),
            path("preview/", view(self.preview_view), name="errors_kb_entry_preview_new"),
            path("<path:object_id>/preview/", view(self.preview_view), name="errors_kb_entry_preview"),
            *super().get_urls(),
        ]

    # ------------------------------------------------------------ saving: one revision, one history record

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEntryError:  # lost a race after the form's own check; the transaction rolled back
            self.message_user(request, STALE_ENTRY_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if change:
            current = entry_lock(entry_id=obj.pk, seen_revision=form.cleaned_data.get("seen_revision"))
            obj.revision = current.revision + 1
        obj.skip_history_when_saving = True  # entry_record_history writes it once the inlines are saved
        obj.save()

    def save_related(self, request, form, formsets, change):
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del form.instance.skip_history_when_saving
        entry_record_history(entry=form.instance, user=request.user, created=not change)

    # ------------------------------------------------------------ history: word diffs; revert brings children back too

    def get_historical_record_context_helper(self, request, historical_record):
        return EntryHistoryChanges(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        record = Entry.history.filter(id=unquote(object_id), history_id=unquote(version_id)).first()
        if record is None:
            raise Http404
        if request.method != "POST":
            context = {"revert_children": entry_children_as_of(record=record), **(extra_context or {})}
            return super().history_form_view(request, object_id, version_id, context)
        entry = self.get_object(request, unquote(object_id))
        if entry is None:
            raise Http404
        if self.revert_disabled(request, entry) or not self.has_change_history_permission(request, entry):
            raise PermissionDenied
        form = RevertForm(request.POST)
        seen = form.cleaned_data["seen_revision"] if form.is_valid() else None
        try:
            entry = entry_revert(entry_id=entry.pk, history_id=record.history_id, seen_revision=seen, user=request.user)
        except StaleEntryError:
            self.message_user(request, STALE_ENTRY_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        when = date_format(record.history_date, "DATETIME_FORMAT")
        self.log_change(request, entry, _("Reverted to the version of %(date)s.") % {"date": when})
        self.message_user(
            request,
            _("“%(entry)s” is back to its version of %(date)s, with its reasons, steps and match rules.")
            % {"entry": entry.slug, "date": when},
            messages.SUCCESS,
        )
        return redirect("admin:errors_kb_entry_change", entry.pk)

    # ------------------------------------------------------------ preview, export, import

    def preview_view(self, request, object_id=None):
        entry = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id and entry is None:
            raise Http404
        if not (self.has_view_or_change_permission(request, entry) if entry else self.has_add_permission(request)):
            raise PermissionDenied
        if request.method == "POST":  # what the editor typed, never saved
            form = self.get_form(request, entry, change=entry is not None)(request.POST, request.FILES, instance=entry)
            form.is_valid()
            formsets, _inline_instances = self._create_formsets(request, form.instance, change=entry is not None)
            for formset in formsets:
                formset.is_valid()  # fills each row's instance with what was typed
            by_model = {formset.model: formset for formset in formsets}
            entry = form.instance
            reasons, steps = _children_in_order(by_model[Reason]), _children_in_order(by_model[Step])
        elif entry is not None:
            reasons, steps = list(entry.reasons.all()), list(entry.steps.all())
        else:
            return redirect("admin:errors_kb_entry_add")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Preview: %(slug)s") % {"slug": entry.slug or _("new entry")},
            "entry": entry,
            "languages": entry_preview_languages(entry, reasons=reasons, steps=steps),
        }
        return TemplateResponse(request, "admin/errors_kb/entry/preview.html", context)

    def export_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return json_download(guide_export(), "guide.json")

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = GuideImportForm(request.POST, request.FILES) if request.method == "POST" else GuideImportForm()
        if form.is_bound and form.is_valid():
            try:
                data = guide_parse(raw=form.cleaned_data["guide_file"].read())
            except GuideFileError as exc:
                self.message_user(
                    request, _("The file could not be read as a guide: %(error)s") % {"error": exc}, messages.ERROR
                )
            else:
                report = guide_load(data=data, force=form.cleaned_data["force"])
                self._report_import(request, report)
                if report.ok:
                    return redirect("admin:errors_kb_entry_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import the guide"),
            "form": form,
        }
        return TemplateResponse(request, "admin/errors_kb/entry/import.html", context)

    def _report_import(self, request, report):
        if report.errors:
            self.message_user(
                request,
                _("The file was not imported: %(count)d problem(s) found. Nothing was changed.")
                % {"count": len(report.errors)},
                messages.ERROR,
            )
            for error in report.errors[:MAX_LISTED_ERRORS]:
                self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            _("Guide imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": len(report.created), "updated": len(report.updated), "unchanged": len(report.unchanged)},
            messages.SUCCESS,
        )
        if report.skipped_edited:
            self.message_user(
                request,
                _(
                    "Not overwritten, because they were edited here since the last load: %(slugs)s. "
                    "Export the guide first to keep those edits, or import again with "
                    "“Overwrite entries edited here” ticked."
                )
                % {"slugs": ", ".join(report.skipped_edited)},
                messages.WARNING,
            )
        for slug, missing in report.unknown_related:
            self.message_user(
                request,
                _("%(slug)s names a related entry “%(missing)s” that does not exist; that link was left out.")
                % {"slug": slug, "missing": missing},
                messages.WARNING,
            )
        for slug, missing in report.unknown_cross_references:
            self.message_user(
                request,
                _("%(slug)s names “[[%(missing)s]]”, which is no entry; it shows as plain text.")
                % {"slug": slug, "missing": missing},
                messages.WARNING,
            )


# ---------------------------------------------------------------- the diagnoser's vocabulary


class ConceptHistoryChanges(EntryHistoryChanges):
    unlisted_fields = {"updated_at", "loaded_checksum", "label", "wordings"}  # the last two repeat English


class ConceptEntryFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.cleaned_data.get("entry") and not form.cleaned_data.get("DELETE")]
        if kept and self.instance.role != Concept.Role.ENTRIES:
            raise forms.ValidationError(ENTRIES_ONLY_WHEN_POINTING)


class ConceptEntryInline(admin.TabularInline):
    model = ConceptEntry
    formset = ConceptEntryFormSet
    extra = 0
    autocomplete_fields = ("entry",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entry")


@admin.register(Concept)
class ConceptAdmin(UnixNewlinesAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin):
    inlines = [ConceptEntryInline]
    list_display = ("name", "role", "wording_count", "entry_slugs", "updated_at")
    list_filter = ("role",)
    search_fields = (
        "name",
        *(build_localized_fieldname(field, code) for field in ("label", "wordings") for code in LANGUAGE_CODES),
        "entry_links__entry__slug",
    )
    readonly_fields = ("updated_at",)
    object_history_list_template = "admin/errors_kb/entry/history_list.html"
    history_list_display = ["entries"]  # the column's title is the msgid "entries", translated
    fieldsets = (
        (None, {"fields": ("name", "role", "updated_at")}),
        (gettext_lazy("In each language"), {"fields": ("label", "wordings")}),
    )

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin_tabs.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("entry_links__entry")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("wordings_"):  # one regular expression per line, on one line on screen too
            field.widget.attrs.update({"rows": 12, "wrap": "off"})
        return field

    @admin.display(description=gettext_lazy("wordings"))
    def wording_count(self, concept):
        return sum(len(concept.wording_lines(code)) for code in LANGUAGE_CODES)

    @admin.display(description=gettext_lazy("entries"))
    def entry_slugs(self, concept):
        return ", ".join(f"{link.entry.slug} ({link.weight:g})" for link in concept.entry_links.all())

    def get_historical_record_context_helper(self, request, historical_record):
        return ConceptHistoryChanges(self.model, historical_record)

    def entries(self, record):
        """The entries and weights a historical record left: the links as they were before the next record.

        A save writes the concept's record first, then its links; so a record's links are the
        last link changes before the concept's next record (or now, for the newest record).
        """
        following = Concept.history.filter(id=record.id, history_date__gt=record.history_date).order_by("history_date")
        until = following.values_list("history_date", flat=True).first()
        links = ConceptEntry.history.filter(concept_id=record.id)
        if until is not None:
            links = links.filter(history_date__lt=until)
        latest = {}
        for link in links.order_by("history_date", "history_id"):
            latest[link.id] = link
        alive = [link for link in latest.values() if link.history_type != "-"]
        slugs = dict(Entry.objects.filter(pk__in=[link.entry_id for link in alive]).values_list("pk", "slug"))
        return ", ".join(sorted(f"{slugs.get(link.entry_id, link.entry_id)} ({link.weight:g})" for link in alive))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [path("export/", view(self.export_view), name="errors_kb_concept_export"), *super().get_urls()]

    def export_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return json_download(vocabulary_export(), "diagnosis_vocabulary.json")
