"""Stored API keys: encrypted with Fernet, shown as a fingerprint only, rotated by a command."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from troubleshooter.health.forms import ProfileForm
from troubleshooter.health.models import Profile
from troubleshooter.health.secrets import InvalidToken

KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123"


def test_the_key_is_stored_encrypted_and_read_back(make_profile):
    make_profile(key=KEY)
    stored = Profile.objects.values_list("key_ciphertext", "key_fingerprint").get()
    assert KEY not in stored[0]
    assert stored[1] == "sk-…0123"
    assert Profile.objects.get().api_key() == KEY


def test_rotation_re_encrypts_every_key_with_the_first_key(make_profile, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.KEY_ENCRYPTION_KEYS = [old]
    make_profile(key=KEY)
    settings.KEY_ENCRYPTION_KEYS = [new, old]
    out = io.StringIO()
    call_command("rotate_key_encryption", stdout=out)
    assert "Re-encrypted 1 API keys" in out.getvalue()
    settings.KEY_ENCRYPTION_KEYS = [new]
    assert Profile.objects.get().api_key() == KEY


def test_a_key_no_configured_key_opens_stops_the_rotation(make_profile, settings):
    settings.KEY_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    make_profile(key=KEY)
    settings.KEY_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("rotate_key_encryption")
    with pytest.raises(InvalidToken):
        Profile.objects.get().api_key()


def test_the_form_never_renders_the_saved_key(make_profile):
    profile = make_profile(key=KEY)
    html = ProfileForm(instance=profile).as_p()
    assert KEY not in html and "abcdefghij" not in html


def test_an_empty_key_field_keeps_the_saved_key(make_profile):
    profile = make_profile(key=KEY)
    data = {
        "name": "Renamed",
        "base_url": profile.base_url,
        "flavor": "openai",
        "model": "gpt-4o",
        "timeout_seconds": "10",
        "schedule_minutes": "0",
        "enabled": "on",
        "api_key": "",
    }
    form = ProfileForm(data, instance=profile)
    assert form.is_valid(), form.errors
    form.save()
    assert Profile.objects.get().api_key() == KEY


def test_a_new_profile_needs_a_key(user):
    data = {
        "name": "New",
        "base_url": "https://api.openai.com/v1",
        "flavor": "openai",
        "model": "gpt-4o",
        "timeout_seconds": "10",
        "schedule_minutes": "0",
    }
    form = ProfileForm(data)
    assert not form.is_valid()
    assert "api_key" in form.errors


def test_the_admin_shows_the_fingerprint_not_the_key(make_profile, admin_client):
    profile = make_profile(key=KEY)
    listing = admin_client.get("/admin/health/profile/").content.decode()
    change = admin_client.get(f"/admin/health/profile/{profile.pk}/change/").content.decode()
    assert "sk-…0123" in listing and "sk-…0123" in change
    assert KEY not in listing + change
