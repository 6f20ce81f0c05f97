from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErrorsKbConfig(AppConfig):
    name = "errors_kb"
    verbose_name = _("Error guide")

    def ready(self):
        # Signals only invalidate caches (the diagnoser's compiled rules, the guide's version stamp);
        # the logic stays in the modules.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from errors_kb.diagnosis.rules import rules_invalidate
        from errors_kb.guide_version import guide_version_bump
        from errors_kb.models import Concept, ConceptEntry, Entry, MatchRule, ProviderMessage, Reason, Step

        # The vocabulary (Concept, ConceptEntry) only changes diagnoses: no guide page, API answer
        # or search index shows it, so it leaves the guide's version stamp alone.
        for model in (Entry, MatchRule, ProviderMessage, Concept, ConceptEntry):
            post_save.connect(rules_invalidate, sender=model, dispatch_uid=f"diagnose-rules-{model.__name__}-save")
            post_delete.connect(rules_invalidate, sender=model, dispatch_uid=f"diagnose-rules-{model.__name__}-delete")
        for model in (Entry, Reason, Step, MatchRule, ProviderMessage):
            post_save.connect(guide_version_bump, sender=model, dispatch_uid=f"guide-version-{model.__name__}-save")
            post_delete.connect(guide_version_bump, sender=model, dispatch_uid=f"guide-version-{model.__name__}-delete")
        m2m_changed.connect(guide_version_bump, sender=Entry.related.through, dispatch_uid="guide-version-related")
