"""Retry snippets for the user's library version: the code (real files in ``snippets/``, run
against the simulator in tests) and what each version already does by itself."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

SNIPPETS = Path(__file__).resolve().parent / "snippets"
LIBRARY_VERSIONS = {
    "v0": {
        "label": _("0.x (before 1.0)"),
        "file": "retry_v0.py",
        "library_retries": _(
            "The library does not retry API errors: a 429 or a 5xx raises at once. It retries a failed "
            "connection twice, and only for https:// addresses."
        ),
    },
    "v1": {
        "label": _("1.x or 2.x"),
        "file": "retry_v1.py",
        "library_retries": _(
            "The library retries connection errors, timeouts, 408, 409, 429 and every 5xx twice by default, "
            "waiting 0.5 s doubling up to 8 s, or what Retry-After asks when it is at most 60 s (120 s from 2.52). "
            "Create the client with max_retries=0 when you use this snippet."
        ),
    },
    "v3": {
        "label": _("3.x"),
        "file": "retry_v1.py",
        "library_retries": _(
            "The library retries connection errors, timeouts, 408, 409, 429 and every 5xx twice by default, "
            "waiting 0.5 s doubling up to 8 s, or what Retry-After asks when it is at most 120 s. "
            "Create the client with max_retries=0 when you use this snippet."
        ),
    },
}
NEVER_RETRY = _(
    "Never retry what waiting cannot fix: an exhausted quota (insufficient_quota, though it comes as a 429), "
    "a rejected key (401), a refused permission or region (403), and a bad request (400, 404, 422)."
)


def retry_snippet(*, version):
    """{"version", "label", "code", "library_retries", "never_retry"} for "v0", "v1" or "v3"."""
    info = LIBRARY_VERSIONS[version]
    return {
        "version": version,
        "label": info["label"],
        "code": (SNIPPETS / info["file"]).read_text(encoding="utf-8"),
        "library_retries": info["library_retries"],
        "never_retry": NEVER_RETRY,
    }
