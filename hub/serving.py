"""How responses leave the application: static files and compression.

Compression is done here, not left to the proxy, so that it is decided with
what only the application knows: whether the page holds a secret. A page
compressed with a secret in it (a CSRF token, a signed-in user's details)
and text an attacker can reflect into it leaks the secret through the
response's length (BREACH), so only anonymous pages without a form token
or a cookie of their own are compressed; the others go out as they are.
"""

import re

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from whitenoise.middleware import WhiteNoiseMiddleware

COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|rss\+xml|atom\+xml|ld\+json|javascript|geo\+json))")


class HubWhiteNoiseMiddleware(WhiteNoiseMiddleware):
    # Static names carry a hash of their content: a year (the longest lifetime
    # RFC 9111 caches are asked to honour) rather than whitenoise's ten.
    FOREVER = 365 * 24 * 60 * 60


class AnonymousGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not self._may_compress(request, response):
            return response
        return super().process_response(request, response)

    @staticmethod
    def _may_compress(request, response) -> bool:
        if response.streaming or not COMPRESSIBLE.match(response.get("Content-Type", "")):
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
            return False
        # {% csrf_token %} (any form of the site or the admin) sets this.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        return "private" not in response.get("Cache-Control", "")
