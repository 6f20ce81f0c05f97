from django.apps import AppConfig


class TroubleshooterConfig(AppConfig):
    """The project package as an app, for project-wide commands."""

    name = "troubleshooter"
