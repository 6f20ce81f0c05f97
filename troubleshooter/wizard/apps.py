from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WizardConfig(AppConfig):
    name = "troubleshooter.wizard"
    label = "wizard"
    verbose_name = _("Wizard")
