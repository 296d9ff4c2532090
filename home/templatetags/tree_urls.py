"""Links to the site's index pages, found in the page tree of the visitor's language.

Templates name an index page by its type (`{% index_url "directory.DirectoryIndexPage" "submit" %}`)
rather than by a path, so a translated tree (/fr/...) links within itself and a
renamed slug breaks no link. The type label comes from the template, so `home`
knows no other app's models.
"""

from django import template
from django.apps import apps
from django.utils.translation import get_language

from wagtail.models import Site

from home.caching import cached

register = template.Library()


def index_page_urls(request, site):
    """{page type label: URL} of the live, public pages right under the site's home
    page in the active language, completed by those under the site's own home page
    (a section not translated yet is linked in the default language).

    Every index page type lives right under a home page (their parent_page_types),
    so two small queries find them all.
    """
    urls = {}
    for root in dict.fromkeys([site.root_page.localized, site.root_page]):
        for page in root.get_children().live().public().order_by("path"):
            urls.setdefault(page.specific_class._meta.label, page.get_url(request=request) or "")
    return urls


def _subpage_url(page_type, url, route, args):
    if not url or not route:
        return url
    resolver = apps.get_model(page_type).get_resolver()  # RoutablePageMixin's routes, as reverse_subpage reads them
    return url.rstrip("/") + "/" + resolver.reverse(route, *args)


@register.simple_tag(takes_context=True)
def index_url(context, page_type, route="", *args):
    """The URL of the index page of `page_type` ("app_label.ModelName"), or of one
    of its routes (a RoutablePageMixin route name, such as "submit"), in the
    visitor's language tree; "" when the site has no such page.

    Worked out once per site and language until content changes: every page's
    footer asks for several.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    key = ("index-urls", site.pk, get_language())
    memo = getattr(request, "_hub_index_urls", None) if request is not None else None
    if memo is None or memo[0] != key:
        memo = (key, cached(key, lambda: index_page_urls(request, site)))
        if request is not None:
            request._hub_index_urls = memo  # one cache read per request, however many links
    urls = memo[1]
    return _subpage_url(page_type, urls.get(page_type, ""), route, args)
