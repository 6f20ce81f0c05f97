from pathlib import Path

import pytest

QUOTA = "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}"
GUIDE_FIXTURE = Path(__file__).parent.parent / "errors_kb" / "fixtures" / "guide_small.json"


@pytest.fixture(autouse=True)
def guide(request):
    """The diagnoser's rules for the two 429 conditions, for tests that touch the database."""
    uses_database = request.node.get_closest_marker("django_db") or {"db", "admin_client"} & set(request.fixturenames)
    if not uses_database:
        return
    request.getfixturevalue("db")
    from errors_kb.guide_file import guide_read_file
    from errors_kb.guide_loading import guide_load

    assert guide_load(data=guide_read_file(GUIDE_FIXTURE)).ok


@pytest.fixture
def filed(db):
    """File a ticket through the service, as the page and the API do."""
    from troubleshooter.tickets.services import ticket_create

    def file(**fields):
        fields.setdefault("error_message", QUOTA)
        return ticket_create(**fields)

    return file
