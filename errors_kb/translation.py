"""Per-language columns (modeltranslation), then history on the translated models.

History is registered after translation (see DEPENDENCIES.md, pitfall 1) so the
historical tables carry every language column.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from errors_kb.models import Concept, ConceptEntry, Entry, MatchRule, ProviderMessage, Reason, Step


@register(Entry)
class EntryTranslation(TranslationOptions):
    fields = ("title", "summary", "cause", "solution", "body", "sources_note", "search_terms")
    required_languages = {"default": ("title",)}


@register(Reason)
class ReasonTranslation(TranslationOptions):
    fields = ("text",)


@register(Step)
class StepTranslation(TranslationOptions):
    fields = ("text",)


@register(MatchRule)
class MatchRuleTranslation(TranslationOptions):
    fields = ("label",)


@register(Concept)
class ConceptTranslation(TranslationOptions):
    fields = ("label", "wordings")


simple_history.register(Entry, m2m_fields=["related"])
simple_history.register(Reason)
simple_history.register(Step)
simple_history.register(MatchRule)
simple_history.register(ProviderMessage)
simple_history.register(Concept)
simple_history.register(ConceptEntry)
