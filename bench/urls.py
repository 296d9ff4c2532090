from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import Group
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from home.caching import bump_content_version
from hub.urls import handler404, handler500  # noqa: F401
from hub.urls import urlpatterns as hub_urlpatterns

# A fixed 20 KB HTML page with no database, template or session: the fastest a
# Django view can answer on this server, against which every page is measured.
MINIMAL_BODY = b"<!doctype html><title>minimal</title>\n"
MINIMAL_BODY = MINIMAL_BODY + b"<p>" + b"x" * (20 * 1024 - len(MINIMAL_BODY) - 8) + b"</p>\n"
BENCH_EDITOR = "bench-editor"


def minimal(request):
    return HttpResponse(MINIMAL_BODY, content_type="text/html; charset=utf-8")


@csrf_exempt
def content_changed(request):
    """What a publish does to the caches (every key under the content version
    is dropped), without changing a page: the next request renders from cold."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    bump_content_version()
    return HttpResponse("bumped\n", content_type="text/plain")


@csrf_exempt
def editor_session(request):
    """Signs in the bench's editor (made on first use, in the Editors group) and
    answers with its session cookie, as a staff member browsing the site has."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user, created = get_user_model().objects.get_or_create(
        username=BENCH_EDITOR, defaults={"email": "bench-editor@example.org", "is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
        editors = Group.objects.filter(name="Editors").first()
        if editors:
            user.groups.add(editors)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponse("signed in\n", content_type="text/plain")


urlpatterns = [
    path("bench/minimal/", minimal),
    path("bench/content-changed/", content_changed),
    path("bench/editor-session/", editor_session),
    *hub_urlpatterns,
]
