"""Whole-page caching for anonymous visitors, and the request's content version.

Written by hand because wagtail-cache, the library that does this for Wagtail,
does not support Wagtail 8 yet (it requires wagtail<8.0), and Django's own
cache middleware cannot tell a publish from any other change. Entries key on
the content version (home.caching.version), so nothing stale or newly private
is ever served; the CDN in front (wagtail.contrib.frontend_cache) is purged
likewise. Every request, cached or not, runs inside `request_scope`, so the
version is read once however many fragments and listings use it.
"""

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from home.caching.version import content_version, request_scope

# Paths that are per user, private or already cheap.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/api/", "/static/", "/media/")
UNCACHEABLE_CACHE_CONTROL = ("private", "no-cache", "no-store", "max-age=0")
TRACKING_PREFIXES = ("utm_", "mc_")
TRACKING_PARAMETERS = {"fbclid", "gclid", "msclkid", "dclid", "igshid", "_ga"}


def _is_cacheable_request(request):
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def _is_cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that drew a CSRF token holds a per-visitor form.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(token in cache_control for token in UNCACHEABLE_CACHE_CONTROL)
        and not getattr(request, "is_preview", False)
        # A view that wrote to the session (a message, a form token) answered this visitor only.
        and not getattr(getattr(request, "session", None), "modified", False)
    )


def _cache_path(request):
    """The request's path and query without the tracking parameters that
    newsletters and social networks add (no view reads them), so a link shared
    with utm_source=... is served the same cached page as the bare URL."""
    query = [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not name.lower().startswith(TRACKING_PREFIXES) and name.lower() not in TRACKING_PARAMETERS
    ]
    return request.path + ("?" + urlencode(query) if query else "")


def _key(request, version):
    path = hashlib.sha256(_cache_path(request).encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", "")
    return f"hub:page:{version}:{request.get_host()}:{language}:{path}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self._respond(request)

    def _respond(self, request):
        timeout = settings.HUB_PAGE_CACHE_SECONDS
        if not timeout or not _is_cacheable_request(request):
            return self.get_response(request)
        version = content_version()
        if version is None:
            # The cache is down: serve the page as if there were none.
            return self.get_response(request)
        key = _key(request, version)
        cached = caches["pages"].get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        # Template responses are rendered by now; cookies are not among items().
        if _is_cacheable_response(request, response):
            caches["pages"].set(key, (response.content, list(response.items())), timeout)
            response["X-Page-Cache"] = "miss"
        return response
