"""The first local admin account."""

import secrets

from django.contrib.auth import get_user_model


def first_admin_ensure(*, username="admin"):
    """Create a superuser when there is none; return the generated password, or None if one exists."""
    User = get_user_model()
    if User.objects.filter(is_superuser=True).exists():
        return None
    password = secrets.token_urlsafe(15)
    User.objects.create_superuser(username=username, email="", password=password)
    return password
