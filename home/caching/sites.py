"""Wagtail's Site for a request, looked up once per host and content version.

Wagtail finds the site of every request with a query (`Site.find_for_request`,
the site and its root page), before routing and again for every link and
setting that asks; it keeps the answer on the request as `_wagtail_site`. This
middleware puts it there from the cache. A Site record or its root page that
changes moves the content version on (home.caching.invalidation), so an edited
site is looked up afresh at the next request.
"""

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port

from home.caching.version import cached


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            # The validated host: a forged Host header makes no cache entry
            # (Django answers it with a 400 further in).
            hostname = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            return self.get_response(request)
        from wagtail.models import Site

        port = request.get_port()
        request._wagtail_site = cached(("site-for-host", hostname, port), lambda: Site._find_for_request(request))
        return self.get_response(request)
