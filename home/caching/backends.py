"""A Redis cache that answers even when Redis does not.

Django's RedisCache raises on every call while the server is unreachable, so
one down Redis turns every URL into a 500. This backend logs the error and
carries on as if the cache were empty: reads miss, writes store nothing, and
the request is served uncached. `add`, `incr` (and so `decr`) and the hash
counters raise `CacheUnavailable` instead, because their callers act on the answer (a
once-only token, a counter) and must choose what an unknown answer means.

After an error the backend stops trying for `RETRY_AFTER` seconds in this
process, so a Redis that does not even refuse connections costs one socket
timeout per window, not one per cache call of every request.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_RETRY_AFTER = 5

# Per process, by server: when to try again after an error.
_down_until = {}


class CacheUnavailable(Exception):
    """The cache could not answer an operation whose result the caller acts on."""


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = server if isinstance(server, str) else ",".join(server)

    def _guarded(self, operation, fallback, *, strict=False):
        if time.monotonic() < _down_until.get(self._location, 0):
            if strict:
                raise CacheUnavailable(f"{self._location} is down")
            return fallback
        try:
            return operation()
        except RedisError as error:
            self._mark_down(error)
            if strict:
                raise CacheUnavailable(f"{self._location}: {error.__class__.__name__}") from error
            return fallback

    def _mark_down(self, error):
        if time.monotonic() >= _down_until.get(self._location, 0):
            logger.error(
                "Cache %s unreachable (%s: %s): serving without it for %ss",
                self._location,
                error.__class__.__name__,
                error,
                self.retry_after,
            )
        _down_until[self._location] = time.monotonic() + self.retry_after

    def check(self):
        """One real round trip, whatever earlier errors said; raises
        `CacheUnavailable` on failure. A success lets every call through again."""
        try:
            self._cache.get_client(None, write=True).ping()
        except RedisError as error:
            self._mark_down(error)
            raise CacheUnavailable(f"{self._location}: {error.__class__.__name__}") from error
        _down_until.pop(self._location, None)

    # Reads miss and writes store nothing while the server is down.

    def get(self, key, default=None, version=None):
        parent = super()
        return self._guarded(lambda: parent.get(key, default, version), default)

    def get_many(self, keys, version=None):
        parent = super()
        return self._guarded(lambda: parent.get_many(keys, version), {})

    def has_key(self, key, version=None):
        parent = super()
        return self._guarded(lambda: parent.has_key(key, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guarded(lambda: parent.set(key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guarded(lambda: parent.set_many(data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guarded(lambda: parent.touch(key, timeout, version), False)

    def delete(self, key, version=None):
        parent = super()
        return self._guarded(lambda: parent.delete(key, version), False)

    def delete_many(self, keys, version=None):
        parent = super()
        return self._guarded(lambda: parent.delete_many(keys, version), None)

    def clear(self):
        parent = super()
        return self._guarded(parent.clear, False)

    # The caller acts on these answers, so it must hear that there is none.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super()
        return self._guarded(lambda: parent.add(key, value, timeout, version), None, strict=True)

    def incr(self, key, delta=1, version=None):
        parent = super()
        return self._guarded(lambda: parent.incr(key, delta, version), None, strict=True)

    # Counters kept in one hash (home.caching.search_hits): atomic across
    # processes and enumerable by whoever writes them out.

    def hash_increment(self, name, field, amount=1):
        """Adds `amount` to `field` of the hash `name` and answers the new count."""
        key = self.make_and_validate_key(name)

        def increment():
            return self._cache.get_client(key, write=True).hincrby(key, field, amount)

        return self._guarded(increment, None, strict=True)

    def hash_take(self, name):
        """The hash `name` as {field: int}, removed in the same transaction, so a
        count added meanwhile lands in a new hash and is taken next time."""
        key = self.make_and_validate_key(name)

        def take():
            pipeline = self._cache.get_client(key, write=True).pipeline(transaction=True)
            pipeline.hgetall(key)
            pipeline.delete(key)
            counts, _deleted = pipeline.execute()
            return {field.decode(): int(value) for field, value in counts.items()}

        return self._guarded(take, None, strict=True)
