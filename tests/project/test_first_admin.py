from django.contrib.auth import get_user_model
from django.core.management import call_command


def test_the_first_run_creates_an_admin_and_prints_its_password_once(db, capsys):
    call_command("ensure_admin")
    first = capsys.readouterr().out
    call_command("ensure_admin")
    second = capsys.readouterr().out

    admin = get_user_model().objects.get(username="admin")
    password = first.strip().rsplit(" ", 1)[-1]
    assert admin.is_superuser and admin.check_password(password)
    assert second == ""


def test_an_existing_superuser_is_left_alone(db, capsys):
    get_user_model().objects.create_superuser(username="owner", password="x" * 20)

    call_command("ensure_admin")

    assert capsys.readouterr().out == ""
    assert not get_user_model().objects.filter(username="admin").exists()
