"""A task only the test workers import: it finds a row by id and changes it."""

from celery import shared_task


@shared_task(ignore_result=True)
def user_rename(user_id, first_name):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=user_id).update(first_name=first_name)
