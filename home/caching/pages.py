"""Whole-page caching for anonymous visitors, and the request's content version.

Written by hand because wagtail-cache, the library that does this for Wagtail,
does not support Wagtail 8 yet (it requires wagtail<8.0), and Django's own
cache middleware cannot tell a publish from any other change. Entries key on
the content version (home.caching.version), so nothing stale or newly private
is ever served; the CDN in front (wagtail.contrib.frontend_cache) is purged
likewise. Every request, cached or not, runs inside `request_scope`, so the
version is read once however many fragments and listings use it.

The same decision sets Cache-Control for the HTTP caches in front (Varnish,
a CDN; deploy/varnish/hub.vcl): a page this middleware would keep is public
with `s-maxage` (those caches are purged on every change, home.caching.frontend),
anything else that says nothing is `private, no-cache`, and anything drawn
for one visitor (a session, a cookie set, a form token, a preview) is private.
A search page is kept here and by no cache in front: each time it is served
again, its hit is counted in the cache (home.caching.search_hits).
"""

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from home.caching import search_hits
from home.caching.version import content_version, fresh_content_version, request_scope

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
        if not _is_cacheable_request(request):
            return _for_this_visitor_only(request, self.get_response(request))
        timeout = settings.HUB_PAGE_CACHE_SECONDS
        # The cache is down (None): serve the page as if there were none.
        version = content_version() if timeout else None
        if version is None:
            return _shared_cache_headers(request, self.get_response(request))
        key = _key(request, version)
        cached = caches["pages"].get(key)
        if cached is not None:
            # (An entry stored before searches were counted has no third item.)
            content, headers, *search = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            if search and search[0] is not None:
                # A search served again: one increment in the cache, no database write.
                search_hits.count_cached_hit(search[0])
            # Its Cache-Control was stored with it (public, or private for a search).
            return response
        response = self.get_response(request)
        # Decided before the headers for the caches in front are added to it.
        cacheable = _is_cacheable_response(request, response)
        response = _shared_cache_headers(request, response)
        # Template responses are rendered by now; cookies are not among items().
        if cacheable:
            entry = (response.content, list(response.items()), search_hits.marked_query(response))
            caches["pages"].set(key, entry, timeout)
            response["X-Page-Cache"] = "miss"
        return response


def _public(response):
    patch_cache_control(
        response, public=True, max_age=settings.HUB_BROWSER_CACHE_SECONDS, s_maxage=settings.HUB_SHARED_CACHE_SECONDS
    )
    return response


def _shared_cache_headers(request, response):
    """Public for a page the page cache would keep, private otherwise. A search
    is kept by the page cache only, which counts each hit (home.caching.search_hits):
    a cache in front would serve it uncounted."""
    if "immutable" in response.get("Cache-Control", ""):
        # Said never to change (a directory release's file): kept as long as it says.
        return response
    if (
        _is_cacheable_response(request, response)
        and search_hits.marked_query(response) is None
        # Content changed while this was rendered: it may show the old rows,
        # and Varnish would keep it if it arrived after the purge (bans apply
        # only to objects stored before them).
        and content_version() == fresh_content_version()
    ):
        return _public(response)
    return _for_this_visitor_only(request, response)


def _for_this_visitor_only(request, response):
    """Never stored by a shared cache: `private` when drawn for this visitor
    (a session, a cookie set, a form token, a preview), `private, no-cache`
    when the response says nothing itself (whatever it is, no cache in front
    may keep it without being told)."""
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    elif (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(request, "is_preview", False)
        # Its cookie is set on the way out, after this middleware.
        or getattr(getattr(request, "session", None), "modified", False)
    ):
        patch_cache_control(response, private=True)
    return response
