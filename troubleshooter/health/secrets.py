"""API keys at rest: Fernet with the keys from KEY_ENCRYPTION_KEYS (the first encrypts, all decrypt)."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def key_cipher():
    return MultiFernet([Fernet(key.encode()) for key in settings.KEY_ENCRYPTION_KEYS])


def key_encrypt(plaintext: str) -> str:
    return key_cipher().encrypt(plaintext.encode()).decode()


def key_decrypt(ciphertext: str) -> str:
    """The stored key; raises InvalidToken when none of the configured keys opens it."""
    return key_cipher().decrypt(ciphertext.encode()).decode()


def key_rotate(ciphertext: str) -> str:
    """The same key, encrypted with the first configured key."""
    return key_cipher().rotate(ciphertext.encode()).decode()


__all__ = ["InvalidToken", "key_decrypt", "key_encrypt", "key_rotate"]
