"""A Celery worker started by a test opens the test's own database."""

from django.contrib.auth import get_user_model

from tests.services import wait_until


def test_a_task_given_an_id_finds_the_row_the_test_created(celery_worker):
    from tests.worker_tasks import user_rename

    user = get_user_model().objects.create_user(username="queued")

    user_rename.delay(user.pk, "seen by the worker")

    def renamed():
        user.refresh_from_db()
        return user.first_name == "seen by the worker"

    assert wait_until(renamed, timeout=60, interval=0.2), "the worker never changed the row:\n" + celery_worker.stop()
