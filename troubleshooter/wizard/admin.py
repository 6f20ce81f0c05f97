"""The flow in the admin: nodes with their choices, tabs per language, full history.
A node or choice that points at a missing node or guide condition is refused on save
(``Node.clean``, ``Choice.clean``)."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from troubleshooter.wizard.models import Choice, Node, Outcome


class ChoiceInline(TranslationTabularInline):
    model = Choice
    extra = 0


@admin.register(Node)
class NodeAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("key", "kind", "tool", "condition", "next", "position")
    list_filter = ("kind", "tool")
    search_fields = ("key", "condition", "text")
    inlines = [ChoiceInline]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ("condition", "resolved", "created_at")
    list_filter = ("resolved", "condition")
    date_hierarchy = "created_at"
