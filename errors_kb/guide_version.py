"""The guide's version stamp: everything cached about the guide is keyed by it.

Every change to an entry, its reasons, steps, rules or related links bumps the
stamp (signals, so admin edits, loads, imports and reverts all count); cached
pages, API answers, rendered Markdown and the search index of older stamps are
simply never read again. The stamp is bumped at once and again when the
transaction commits, so a page rendered from the old data in between is not
kept under the new stamp. Without a reachable cache nothing is cached and every
save still stands. Keys also carry a stamp of the code that renders the guide
(its templates, modules and translations), so a deploy never serves pages
rendered by the previous release.
"""

import functools
import hashlib
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)
VERSION_KEY = "errors_kb:guide-version"


def guide_version():
    """The current stamp, or None when the cache cannot be reached (then nothing is cached)."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:  # noqa: BLE001 - pages are still served, uncached
        logger.warning("cache unreachable: guide pages are served uncached", exc_info=True)
        return None
    return version


def _bump():
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - an unreachable cache must not undo an admin's save
        logger.warning("cache unreachable: could not bump the guide's version stamp", exc_info=True)


def guide_version_bump(**_signal_arguments):
    _bump()
    transaction.on_commit(_bump)


@functools.cache
def code_stamp():
    """A digest of what renders the guide: errors_kb's modules and catalogs, the guide templates."""
    app = Path(__file__).resolve().parent
    files = [*app.rglob("*.py"), *app.rglob("*.mo"), *(Path(settings.BASE_DIR) / "templates").rglob("*.html")]
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(path.anchor)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def guide_cached(*parts, compute, timeout=24 * 3600):
    """The value cached under the current stamp and these parts; ``compute()`` on a miss."""
    version = guide_version()
    if version is None:
        return compute()
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:32]
    key = f"errors_kb:{version}:{code_stamp()}:{parts[0]}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
