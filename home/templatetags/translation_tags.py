"""The language a page's content is in, its alternates, and the notice shown
when the visitor's language has no live translation of it (home/translations/)."""

from django import template
from django.utils.translation import get_language, get_language_info

from home.translations.alternates import hreflang_links as _hreflang_links
from home.translations.fallback import content_language as _content_language
from home.translations.fallback import same_language

register = template.Library()


@register.simple_tag
def content_language(page):
    return _content_language(page) or ""


@register.inclusion_tag("translations/hreflang.html", takes_context=True)
def hreflang_links(context, page):
    return {"links": _hreflang_links(page, context.get("request"))}


@register.inclusion_tag("translations/fallback_notice.html")
def fallback_notice(page):
    """The notice, in the visitor's language, on a page whose content is in another."""
    visitor, content = get_language(), _content_language(page)
    if not content or same_language(visitor, content):
        return {"show": False}
    return {"show": True, "visitor": visitor, "visitor_language": get_language_info(visitor)["name_local"]}
