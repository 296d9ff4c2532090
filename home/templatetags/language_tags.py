"""The language switcher: every interface language, linked to the same page in it."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language, get_language_info

from wagtail.models import Page, Site

from home.caching import cached

register = template.Library()


def _language_urls(request, page):
    """{language code: URL} of the page's live, public versions, else of the site's home in that language.

    One query, kept in the cache until content changes (publishing a
    translation changes the content version).
    """
    site = Site.find_for_request(request)
    root = site.root_page if site is not None else None
    keys = {page.translation_key} | ({root.translation_key} if root is not None else set())
    versions = Page.objects.filter(translation_key__in=keys).live().public().select_related("locale")
    own, homes = {}, {}
    for version in versions:
        found = own if version.translation_key == page.translation_key else homes
        found[version.locale.language_code] = version.get_url(request=request)
    urls = {}
    for code, _name in settings.LANGUAGES:
        if code in own:
            urls[code] = own[code]
        elif code in homes:
            urls[code] = homes[code]
        else:
            # Reversed in that language, whatever the request's: the site root under its prefix.
            with translation.override(code):
                urls[code] = reverse("wagtail_serve", args=("",))
    return urls


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links, without JavaScript, to the page in each language.

    A Wagtail page links to its live translation, or to that language's home
    page when it has none; any other view (search, error pages) to the same
    path under the language's prefix.
    """
    request = context.get("request")
    if request is None:
        return {"languages": []}
    page = context.get("page")
    if isinstance(page, Page) and page.pk is not None and page.translation_key:
        key = ("language-urls", request.get_host(), str(page.translation_key))
        urls = cached(key, lambda: _language_urls(request, page))
    else:
        urls = {code: translate_url(request.get_full_path(), code) for code, _name in settings.LANGUAGES}
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        name, bidi = info["name_local"], info["bidi"]
        languages.append({"code": code, "name": name, "url": urls[code], "current": code == current, "bidi": bidi})
    return {"languages": languages}
