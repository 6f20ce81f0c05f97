from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErrorsKbConfig(AppConfig):
    name = "errors_kb"
    verbose_name = _("Error guide")
