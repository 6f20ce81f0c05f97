"""The first local admin account."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class FirstAdmin:
    username: str
    password: str | None  # generated now; None when a superuser already existed


def first_admin_ensure(*, username="admin"):
    """Create a superuser when there is none, with a generated password; else name the first existing one."""
    User = get_user_model()
    existing = User.objects.filter(is_superuser=True).order_by("pk").first()
    if existing is not None:
        return FirstAdmin(username=existing.get_username(), password=None)
    password = secrets.token_urlsafe(15)
    User.objects.create_superuser(username=username, email="", password=password)
    return FirstAdmin(username=username, password=password)
