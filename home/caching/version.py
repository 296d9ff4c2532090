"""The content version, the keys built on it and the `cached()` helper."""

import contextlib
import hashlib
import logging
import os
import time
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction

from home.caching.backends import CacheUnavailable

logger = logging.getLogger(__name__)

CACHE_TIMEOUT = 60 * 60
VERSION_KEY = "hub:content-version"

# Set by the page-cache middleware for the length of a request: the version
# read first is reused by the context processor, fragments and listings, so
# one request sees one version and pays for one read.
_request_scope = ContextVar("hub_content_version_scope", default=None)
_MISSING = object()
# A change this process could not record in the shared cache; recorded at the
# first read that reaches it again, so the pages cached before stay unused.
_unrecorded_change = False


@contextlib.contextmanager
def request_scope():
    token = _request_scope.set({})
    try:
        yield
    finally:
        _request_scope.reset(token)


def content_version():
    """A value that changes whenever public content changes, or None when it
    cannot be read (the cache is down): then nothing may be read from the cache.

    With a shared cache (Redis) it lives there. A local-memory cache is one
    per process, so a publish handled by one gunicorn worker would leave the
    others serving what they had cached; the version then lives in a file
    that every process on the machine reads (`HUB_CONTENT_VERSION_FILE`):
    each change appends a byte, and a stat() is all a request pays.
    """
    scope = _request_scope.get()
    if scope is not None and "version" in scope:
        return scope["version"]
    version = _read_version()
    if scope is not None:
        scope["version"] = version
    return version


def fresh_content_version():
    """The version as it is now, not as this request first read it."""
    return _read_version()


def _read_version():
    if _cache_is_local():
        try:
            stat = os.stat(settings.HUB_CONTENT_VERSION_FILE)
        except FileNotFoundError:
            return "0"
        except OSError:
            # A path that cannot hold the file (a file where its directory
            # should be): unknown, so nothing is read from the cache.
            return None
        return f"{stat.st_ino}.{stat.st_size}"
    global _unrecorded_change
    try:
        if _unrecorded_change:
            _record_change_in_cache()
            _unrecorded_change = False
        version = cache.get(VERSION_KEY)
        if version is None:
            # Start from the clock, not 1: if the cache evicts this key, the new
            # version is still newer than every entry cached under the old one.
            cache.add(VERSION_KEY, int(time.time() * 1000), None)
            version = cache.get(VERSION_KEY)
    except CacheUnavailable:
        return None
    return version


def bump_content_version(**kwargs):
    """Forget every cached result computed from older content.

    Moved now and again once the change is committed: a request that read
    the old rows between the two may have cached them under the new version.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump():
    scope = _request_scope.get()
    if scope is not None:
        scope.pop("version", None)
    if _cache_is_local():
        path = Path(settings.HUB_CONTENT_VERSION_FILE)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("ab") as version_file:
                version_file.write(b".")
        except OSError:
            # A read-only disk must not make publishing fail; cached pages then
            # show the change when they expire (HUB_PAGE_CACHE_SECONDS).
            logger.exception("Could not record a content change in %s", path)
        return
    global _unrecorded_change
    try:
        _record_change_in_cache()
    except CacheUnavailable:
        # Publishing goes on; the pages cached before cannot be read meanwhile.
        _unrecorded_change = True
        logger.warning("Could not record a content change in the cache; will retry when it answers")


def _record_change_in_cache():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), None)


def _cache_is_local():
    return isinstance(caches["default"], LocMemCache)


def cache_key(prefix, *parts):
    """A key for `parts` under the current content version, or None when the
    version is unknown (the result must then be computed, not cached)."""
    version = content_version()
    if version is None:
        return None
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"hub:{prefix}:{connection.vendor}:{version}:{digest}"


def cached(key_parts, compute, timeout=CACHE_TIMEOUT):
    """`compute()`, cached under `key_parts` until content changes or `timeout` runs out.

    `key_parts` is (prefix, *anything with a stable repr). Served uncached,
    never stale, when the cache or the version cannot be read.
    """
    key = cache_key(*key_parts)
    if key is not None:
        value = cache.get(key, _MISSING)
        if value is not _MISSING:
            return value
    value = compute()
    if key is not None:
        cache.set(key, value, timeout)
    return value


def cache_health(alias="default"):
    """'ok', or 'error: ...' naming what failed, after one real round trip to the cache."""
    backend = caches[alias]
    try:
        check = getattr(backend, "check", None)
        if check is not None:
            check()
        key = f"hub:healthz:{os.getpid()}:{time.monotonic_ns()}"
        backend.set(key, "ok", 5)
        answered = backend.get(key)
        backend.delete(key)
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        return f"error: {error.__class__.__name__}"
    return "ok" if answered == "ok" else "error: no round trip"
