"""Per-user API tokens: issued once in plain text, stored as a SHA-256, looked up by it."""

import hashlib
import secrets

from troubleshooter.health.models import ApiToken

TOKEN_PREFIX = "tsh_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_issue(*, user, name: str) -> str:
    """A new token for the user; the plain text is returned this once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name=name, token_hash=token_hash(token), fingerprint=f"{TOKEN_PREFIX}…{token[-4:]}"
    )
    return token


def token_user(token: str):
    """The active user a token belongs to, or None."""
    found = ApiToken.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    return found.user if found and found.user.is_active else None
