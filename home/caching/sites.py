"""Wagtail's Site for a request, looked up once per host and content version.

Wagtail finds the site of every request with a query (`Site.find_for_request`,
the site and its root page), before routing and again for every link and
setting that asks; it keeps the answer on the request as `_wagtail_site`. This
middleware puts it there from the cache when the cache has it, and otherwise
caches what Wagtail found while answering: a request that never asks for its
Site (a file, robots.txt, the health check) makes no look-up, and one whose
database or cache is down fails as it would without this middleware. A Site
record or its root page that changes moves the content version on
(home.caching.invalidation), so an edited site is looked up afresh at the next
request.
"""

import logging

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port

from home.caching.version import CACHE_TIMEOUT, cache_key

logger = logging.getLogger("hub.cache")
_MISSING = object()


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        found = _MISSING
        if key is not None:
            try:
                found = cache.get(key, _MISSING)
            except Exception:  # noqa: BLE001 - a cache that fails is no cache
                key = None
        if found is not _MISSING:
            request._wagtail_site = found
        response = self.get_response(request)
        if key is not None and found is _MISSING and "_wagtail_site" in request.__dict__:
            try:
                cache.set(key, request._wagtail_site, CACHE_TIMEOUT)
            except Exception:  # noqa: BLE001
                logger.warning("Could not cache the site of %s", request.get_host())
        return response

    @staticmethod
    def _key(request):
        try:
            # The validated host: a forged Host header makes no cache entry
            # (Django answers it with a 400 further in).
            hostname = split_domain_port(request.get_host())[0]
            return cache_key("site-for-host", hostname, request.get_port())
        except DisallowedHost:
            return None
        except Exception:  # noqa: BLE001 - the version cannot be read: no caching
            return None
