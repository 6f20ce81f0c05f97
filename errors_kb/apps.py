from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErrorsKbConfig(AppConfig):
    name = "errors_kb"
    verbose_name = _("Error guide")

    def ready(self):
        # Signals only invalidate the diagnoser's compiled rules; the logic stays in the module.
        from django.db.models.signals import post_delete, post_save

        from errors_kb.diagnosis.rules import rules_invalidate
        from errors_kb.models import Entry, MatchRule

        for model in (Entry, MatchRule):
            post_save.connect(rules_invalidate, sender=model, dispatch_uid=f"diagnose-rules-{model.__name__}-save")
            post_delete.connect(rules_invalidate, sender=model, dispatch_uid=f"diagnose-rules-{model.__name__}-delete")
