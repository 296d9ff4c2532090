from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader


def page_not_found(request, exception=None):
    return HttpResponseNotFound(loader.get_template("404.html").render({"request": request}, request))


def server_error(request):
    # Rendered without context processors: nothing that could fail a second
    # time (the database may be what failed), and no debug details.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
