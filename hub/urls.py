from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from directory import exports
from events import ical
from hub import views
from hub.api import api_router
from search import views as search_views

urlpatterns = [
    # Before Wagtail's admin: two-factor screens and the throttled password reset form.
    path("admin/", include("hub.accounts.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path

    from home.media_privacy import serve_media

    # Files of images and documents that are not public yet answer 404 (home/media_privacy.py).
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media)]

# English has no prefix; /fr/ and /es/ serve translated trees when they exist.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    # Wagtail's page URLs end in a slash, so file-like URLs are routed explicitly.
    path("directory/export.csv", exports.export_csv_view, name="directory_export_csv"),
    path("directory/export.json", exports.export_json_view, name="directory_export_json"),
    path("events/feed.ics", ical.feed_view, name="events_ical_feed"),
    path("events/<slug:slug>/event.ics", ical.event_view, name="event_ical"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "hub.errors.bad_request"
handler403 = "hub.errors.permission_denied"
handler404 = "hub.errors.page_not_found"
handler500 = "hub.errors.server_error"
