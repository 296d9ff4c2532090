from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from directory import exports, open_data
from events import ical
from home.translations.alternates import TranslatedSitemap
from hub import views
from hub.api import api_router
from search import views as search_views

urlpatterns = [
    # Before Wagtail's admin: two-factor screens and the throttled password reset form.
    path("admin/", include("hub.accounts.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # Every locale's tree, not only the default site's root (home/translations/alternates.py).
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    from home.media_privacy import serve_media

    # Files of images and documents that are not public yet answer 404 (home/media_privacy.py).
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media)]

# English has no prefix; /fr/ and /es/ serve translated trees when they exist.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    # Wagtail's page URLs end in a slash, so file-like URLs are routed explicitly.
    path("directory/export.csv", exports.export_csv_view, name="directory_export_csv"),
    path("directory/export.json", exports.export_json_view, name="directory_export_json"),
    path("directory/datapackage.json", open_data.datapackage_view, name="directory_datapackage"),
    path("directory/catalog.ttl", open_data.catalog_ttl_view, name="directory_catalog_ttl"),
    path("directory/catalog.jsonld", open_data.catalog_jsonld_view, name="directory_catalog_jsonld"),
    path("directory/cite.<str:ext>", open_data.directory_cite_view, name="directory_cite"),
    re_path(
        r"^directory/releases/(?P<version>\d{4}-\d{2}-\d{2})/(?P<name>[\w.]+)$",
        open_data.release_file_view,
        name="directory_release_file",
    ),
    path("directory/<slug:slug>/cite.<str:ext>", open_data.entry_cite_view, name="directory_entry_cite"),
    path("events/feed.ics", ical.feed_view, name="events_ical_feed"),
    path("events/<slug:slug>/event.ics", ical.event_view, name="event_ical"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "hub.errors.page_not_found"
handler500 = "hub.errors.server_error"
