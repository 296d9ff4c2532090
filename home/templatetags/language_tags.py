"""The language switcher: every interface language, linked to the same page in it."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language, get_language_info

from wagtail.models import Page, Site

from home.caching import cached

register = template.Library()


def _home_urls(request):
    """Each language's home page: the site root's live translation, else the root under that language's prefix."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    translations = {
        page.locale.language_code: page
        for page in Page.objects.filter(translation_key=root.translation_key).live().select_related("locale")
    }
    urls = {}
    for code, _name in settings.LANGUAGES:
        version = translations.get(code)
        if version is not None:
            urls[code] = version.get_url(request=request)
        else:
            # Reversed in that language, whatever the request's: the same site root under its prefix.
            with translation.override(code):
                urls[code] = reverse("wagtail_serve", args=("",))
    return urls


def _page_translations(page, request):
    """The page's live, public versions by language code, itself included."""
    if not getattr(page, "translation_key", None) or page.pk is None:
        return {}
    pages = Page.objects.filter(translation_key=page.translation_key).live().public().select_related("locale")
    return {version.locale.language_code: version.get_url(request=request) for version in pages}


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
    is_page = isinstance(page, Page)
    versions = _page_translations(page, request) if is_page else {}
    homes = cached(("language-homes", request.get_host()), lambda: _home_urls(request)) if is_page else {}
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        if is_page:
            url = versions.get(code) or homes.get(code) or "/"
        else:
            url = translate_url(request.get_full_path(), code)
        info = get_language_info(code)
        languages.append(
            {"code": code, "name": info["name_local"], "url": url, "current": code == current, "bidi": info["bidi"]}
        )
    return {"languages": languages}
