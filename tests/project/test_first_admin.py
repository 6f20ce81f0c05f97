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
    assert password not in second


def test_a_second_run_says_the_account_exists_and_how_to_set_a_new_password(db, capsys):
    call_command("ensure_admin")
    capsys.readouterr()

    call_command("ensure_admin")

    out = capsys.readouterr().out
    assert "“admin” already exists" in out
    assert "manage.py changepassword admin" in out


def test_an_existing_superuser_is_left_alone_and_named(db, capsys):
    get_user_model().objects.create_superuser(username="owner", password="x" * 20)

    call_command("ensure_admin")

    out = capsys.readouterr().out
    assert "“owner” already exists" in out and "manage.py changepassword owner" in out
    assert not get_user_model().objects.filter(username="admin").exists()
    assert get_user_model().objects.get(username="owner").check_password("x" * 20)
