import pytest
from django.contrib.auth import get_user_model

from tests.errors_kb.conftest import diagnose_rules  # noqa: F401 - the shipped guide, for the diagnoser
from troubleshooter.health.models import Profile

SIM_KEY_OK = "sk-sim-ok-0123456789abcdefWXYZ"


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("ada", password="not-used-here-1")


@pytest.fixture
def make_profile(user):
    def make(*, key=SIM_KEY_OK, owner=None, **fields):
        profile = Profile(owner=owner or user, name=fields.pop("name", "Main"), **fields)
        profile.set_key(key)
        profile.save()
        return profile

    return make
