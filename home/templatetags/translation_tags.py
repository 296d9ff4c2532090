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


@register.inclusion_tag("translations/fallback_notice.html", takes_context=True)
def fallback_notice(context, page):
    """The notice, in the visitor's language, on a page whose content is in another;
    and, on a preview only, that machine-translated text in it awaits approval."""
    visitor, content = get_language(), _content_language(page)
    request = context.get("request")
    notice = {"show": False, "machine_count": 0}
    if getattr(request, "is_preview", False):
        from home.translations.machine import unreviewed_machine_strings

        notice["machine_count"] = unreviewed_machine_strings(page).count()
    if content and not same_language(visitor, content):
        notice.update(show=True, visitor=visitor, visitor_language=get_language_info(visitor)["name_local"])
    return notice
