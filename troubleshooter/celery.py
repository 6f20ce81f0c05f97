import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "troubleshooter.settings")

app = Celery("troubleshooter")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
