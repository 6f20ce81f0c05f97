"""Per-client rate limits: one decorator, a clear 429 in the caller's language with Retry-After.

Counts live in the default cache (Redis in production), so every web process shares them.
An API view (decorate inside ``json_api``, so the caller's language is active) answers JSON;
a page answers the site's "slow down" page.
"""

import functools
import logging
import math

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage
from redis import RedisError

from troubleshooter.lib.jsonapi import is_api_request, json_error

logger = logging.getLogger(__name__)


def rate_limited(*, group, rate_setting, methods=("POST",)):
    """Limit ``methods`` of a view per client address to ``settings.RATE_LIMITS[rate_setting]``."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                retry_after = limit_reached(request, group=group, rate_setting=rate_setting)
                if retry_after:
                    return too_many_requests(request, retry_after=retry_after)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def limit_reached(request, *, group, rate_setting):
    """Count this request; the seconds until the client may try again, or None while under the limit.

    For views that answer the limit themselves (a form shown again with the user's text). While
    the cache is down the limit fails open: the site keeps working.
    """
    try:
        usage = get_usage(request, group=group, key="ip", rate=settings.RATE_LIMITS[rate_setting], increment=True)
    except (RedisError, OSError):
        logger.warning("Rate limit of %s not counted: the cache does not answer.", group)
        return None
    if usage and usage["should_limit"]:
        return max(1, math.ceil(usage["time_left"]))
    return None


def too_many_requests_message(retry_after):
    return _("Too many requests from your address. Please wait %(seconds)s seconds and try again.") % {
        "seconds": retry_after
    }


def too_many_requests(request, *, retry_after):
    """429 in the active language: JSON under /api/ (inside ``json_api``), a notice for htmx, else a page."""
    message = too_many_requests_message(retry_after)
    if is_api_request(request):
        response = json_error(message, status=429)
    elif getattr(request, "htmx", False):
        # An htmx form: the notice goes to the page's notice area (base.html), whatever the form targets.
        response = render(request, "_too_many_requests.html", {"message": message}, status=429)
        response["HX-Retarget"] = "#site-notice"
        response["HX-Reswap"] = "innerHTML"
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
