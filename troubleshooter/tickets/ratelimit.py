"""How many tickets one client may file: django-ratelimit's counter, and when they may file again."""

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

GROUP = "tickets.create"


def creation_allowed(request):
    """(allowed, seconds until the window resets); counts this attempt."""
    usage = get_usage(
        request,
        group=GROUP,
        key=_client,
        rate=getattr(settings, "TICKETS_RATE", "10/h"),
        method=("POST",),
        increment=True,
    )
    if usage is None:
        return True, 0
    return not usage["should_limit"], max(1, int(usage["time_left"]))


def _client(group, request):
    # The WSGI server sets REMOTE_ADDR; a test or an odd gateway may not: they share one counter.
    return request.META.get("REMOTE_ADDR") or "unknown"


def limit_message(retry_after):
    minutes = max(1, round(retry_after / 60))
    return _(
        "You have filed many tickets in a short time. Nothing was saved this time; your text is kept. "
        "Please try again in %(minutes)s minutes."
    ) % {"minutes": minutes}
