from django.http import HttpResponse
from django.urls import path

from hub.urls import handler404, handler500  # noqa: F401
from hub.urls import urlpatterns as hub_urlpatterns

# A fixed 20 KB HTML page with no database, template or session: the fastest a
# Django view can answer on this server, against which every page is measured.
MINIMAL_BODY = b"<!doctype html><title>minimal</title>\n"
MINIMAL_BODY = MINIMAL_BODY + b"<p>" + b"x" * (20 * 1024 - len(MINIMAL_BODY) - 8) + b"</p>\n"


def minimal(request):
    return HttpResponse(MINIMAL_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/minimal/", minimal), *hub_urlpatterns]
