from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Site

from home.caching import cache_health


@never_cache
@require_GET
def healthz(request):
    """Checks the database and the cache: 200 when both answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {error.__class__.__name__}"
    # Each configured cache (default, pages) with a real round trip; the first failure is reported.
    answers = [cache_health(alias) for alias in settings.CACHES]
    checks["cache"] = next((answer for answer in answers if answer != "ok"), "ok")
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def _site_root(request):
    """The public address from the Site record (set from WAGTAILADMIN_BASE_URL), as the sitemap's own links."""
    site = Site.find_for_request(request)
    return site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /directory/submit/",
        "Disallow: /events/submit/",
        "Disallow: /members/join/",
        f"Sitemap: {_site_root(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
