from celery import shared_task
from celery.signals import worker_ready

from troubleshooter.liveness import heartbeat_record


@shared_task(ignore_result=True)
def heartbeat():
    heartbeat_record()


@worker_ready.connect
def report_ready(**_kwargs):
    heartbeat_record()
