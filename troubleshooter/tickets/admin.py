"""Triage: filters by status, condition, model and age; similar tickets grouped; bulk status changes."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from troubleshooter.tickets.models import Ticket, TicketEvent
from troubleshooter.tickets.selectors import ticket_groups
from troubleshooter.tickets.services import tickets_set_status

AGES = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(days=7)}


class AgeFilter(admin.SimpleListFilter):
    title = _("age")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return (
            ("hour", _("Last hour")),
            ("day", _("Last 24 hours")),
            ("week", _("Last 7 days")),
            ("older", _("Older than 7 days")),
        )

    def queryset(self, request, queryset):
        if self.value() in AGES:
            return queryset.filter(created_at__gte=timezone.now() - AGES[self.value()])
        if self.value() == "older":
            return queryset.filter(created_at__lt=timezone.now() - AGES["week"])
        return queryset


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    fields = ("created_at", "kind", "status", "note", "by_staff")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class GroupResolveForm(forms.Form):
    ids = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note to the filers"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def clean_ids(self):
        try:
            return [int(part) for part in self.cleaned_data["ids"].split(",")]
        except ValueError:
            raise forms.ValidationError(_("Choose a group.")) from None


def _status_action(status):
    def action(modeladmin, request, queryset):
        changed = tickets_set_status(tickets=queryset, status=status)
        modeladmin.message_user(
            request,
            ngettext("%(count)d ticket changed.", "%(count)d tickets changed.", changed) % {"count": changed},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    action.short_description = _("Mark selected tickets: %(status)s") % {"status": Ticket.Status(status).label}
    return action


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ("reference", "status", "condition", "model", "error_code", "created_at", "similar")
    list_filter = ("status", "condition", "model", AgeFilter)
    search_fields = ("reference", "error_message", "request_id", "condition", "model")
    readonly_fields = tuple(f.name for f in Ticket._meta.fields if f.name not in ("status", "id"))
    exclude = ("secret",)
    inlines = (TicketEventInline,)
    actions = tuple(_status_action(status) for status in Ticket.Status.values)
    change_list_template = "admin/tickets/ticket/change_list.html"

    def has_add_permission(self, request):
        return False  # tickets are filed by their page and the API, never typed in here

    @admin.display(description=_("similar"))
    def similar(self, ticket):
        return Ticket.objects.similar_to(ticket).exclude(pk=ticket.pk).count() if ticket.condition else 0

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            tickets_set_status(tickets=Ticket.objects.filter(pk=obj.pk), status=obj.status)
            return
        super().save_model(request, obj, form, change)

    def get_urls(self):
        groups = self.admin_site.admin_view(self.groups_view)
        return [path("groups/", groups, name="tickets_ticket_groups"), *super().get_urls()]

    def groups_view(self, request):
        if not self.has_change_permission(request):
            return redirect("admin:login")
        form = GroupResolveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            tickets = Ticket.objects.filter(pk__in=form.cleaned_data["ids"])
            changed = tickets_set_status(tickets=tickets, status=Ticket.Status.RESOLVED, note=form.cleaned_data["note"])
            self.message_user(
                request,
                ngettext("%(count)d ticket resolved.", "%(count)d tickets resolved.", changed) % {"count": changed},
                messages.SUCCESS,
            )
            return redirect(reverse("admin:tickets_ticket_groups"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Similar tickets"),
            "opts": self.model._meta,
            "groups": [g for g in ticket_groups(Ticket.objects.open()) if len(g.tickets) > 1],
            "form": form,
        }
        return TemplateResponse(request, "admin/tickets/ticket/groups.html", context)
