from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseNotFound, HttpResponseServerError
from django.template import loader


def bad_request(request, exception=None):
    # Self-contained like 500.html: the request may be what is wrong (a bad Host header).
    return HttpResponseBadRequest(loader.get_template("400.html").render({}))


def permission_denied(request, exception=None):
    return HttpResponseForbidden(loader.get_template("403.html").render({"request": request}, request))


def page_not_found(request, exception=None):
    return HttpResponseNotFound(loader.get_template("404.html").render({"request": request}, request))


def server_error(request):
    # Rendered without context processors: nothing that could fail a second
    # time (the database may be what failed), and no debug details.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
