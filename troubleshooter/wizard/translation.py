"""Per-language columns, then history (after translation: DEPENDENCIES.md, pitfall 1)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from troubleshooter.wizard.models import Choice, Node


@register(Node)
class NodeTranslation(TranslationOptions):
    fields = ("text",)


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = {"default": ("label",)}


simple_history.register(Node)
simple_history.register(Choice)
