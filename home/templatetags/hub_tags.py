"""Read-only helpers for the public templates: navigation, breadcrumbs and formatting."""

import re
from urllib.parse import parse_qsl, urlencode

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from home.caching import cached
from home.describing import DescribedPage
from home.translations.fallback import in_visitor_language

register = template.Library()

DATE_FORMATS = {"day": "j F Y", "month": "F Y", "year": "Y"}


def _navigation(request):
    """The site's home URL and its menu items, worked out once per request."""
    navigation = getattr(request, "_hub_navigation", None)
    if navigation is None:
        # Every page shows the menu: keep it in the cache until content changes.
        navigation = cached(("navigation", request.get_host(), get_language()), lambda: _build_navigation(request))
        request._hub_navigation = navigation
    return navigation


def _build_navigation(request):
    from home.models import StandardPage

    navigation = {"home_url": "/", "items": [], "about": []}
    site = Site.find_for_request(request)
    if site is not None:
        navigation["home_url"] = in_visitor_language([site.root_page.specific], request)[0][1] or "/"
        # The default locale's tree is the whole menu; each item is its live translation
        # in the visitor's language, else the English page (a translated tree holds
        # only what is translated so far).
        children = site.root_page.get_children().live().public()
        for child, url in in_visitor_language(children.in_menu(), request):
            navigation["items"].append({"title": child.title, "url": url, "path": child.path})
        # Every standard page under the home page, in the menu or not, so none is live but unreachable.
        for child, url in in_visitor_language(children.type(StandardPage), request):
            navigation["about"].append({"title": child.title, "url": url})
    return navigation


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")
    return _navigation(request)["home_url"] if request is not None else "/"


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site root's live, public children marked "show in menus".

    Each item is a dict with title, url, active (the current page is the item or
    lies under it) and current (the current page is the item).
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    current_path = page.path if isinstance(page, Page) else ""
    return [
        {
            **item,
            "active": bool(current_path) and current_path.startswith(item["path"]),
            "current": current_path == item["path"],
        }
        for item in _navigation(request)["items"]
    ]


@register.simple_tag(takes_context=True)
def about_links(context):
    """The standard pages under the site's home page (about, objectives...), for the footer."""
    request = context.get("request")
    return _navigation(request)["about"] if request is not None else []


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, label=""):
    """The trail from the site's home page to `page` (or to a non-page view named `label`)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    trail = []
    if isinstance(page, Page):
        root_depth = site.root_page.depth if site else 2
        trail = list(page.get_ancestors().filter(depth__gte=root_depth).live().public())
    elif site is not None:
        trail = [site.root_page.localized]
    return {
        "request": request,
        "ancestors": [{"title": item.title, "url": item.get_url(request=request)} for item in trail],
        "current": page.title if isinstance(page, Page) else label,
    }


@register.filter
def precise_date(value, precision="day"):
    """A date as precisely as it is known: 25 June 2018, June 2018 or 2018."""
    if not value:
        return ""
    return date_format(value, DATE_FORMATS.get(precision, DATE_FORMATS["day"]))


@register.simple_tag
def event_when(event):
    """An event's dates (and times, when the day is known) in its own time zone.

    The same day: "25 June 2018, 14:00–16:00"; several days: "25 June 2018, 14:00 – 26 June 2018, 16:00".
    """
    precision = getattr(event, "date_precision", "day") or "day"
    start, end = event.local_start, event.local_end
    if precision != "day":
        first, last = precise_date(start, precision), precise_date(end, precision)
        return first if first == last else f"{first} – {last}"
    if start.date() == end.date():
        return f"{date_format(start, 'j F Y')}, {date_format(start, 'H:i')}–{date_format(end, 'H:i')}"
    return f"{date_format(start, 'j F Y, H:i')} – {date_format(end, 'j F Y, H:i')}"


@register.filter
def page_summary(page, length=0):
    """The page's own summary as plain text, for listings and meta descriptions."""
    # Each page type says where its summary is (home/describing.py).
    return page.card_summary(length) if isinstance(page, DescribedPage) else ""


@register.filter
def page_type_label(page):
    """The human name of a page's type, e.g. "Directory entry"."""
    model = getattr(page, "specific_class", None) or type(page)
    return str(model._meta.verbose_name).capitalize()


@register.simple_tag
def without_filter(listing, param, value):
    """The directory querystring with one filter value removed (for "remove filter" links)."""
    params = [pair for pair in parse_qsl(listing.querystring()) if pair != (param, value)]
    return "?" + urlencode(params) if params else ""


@register.filter
def display_name(member):
    """A member's name with its acronym, when it has one and the name does not already say it."""
    acronym = getattr(member, "acronym", "")
    # "BMI / BAMF" is already said by a title naming both; only add what the title lacks.
    parts = [part for part in re.split(r"[\s/,;]+", acronym) if part]
    if parts and not all(part in member.title for part in parts):
        return _("%(title)s (%(acronym)s)") % {"title": member.title, "acronym": acronym}
    return member.title


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers around the current one, with the paginator's ellipsis for the gaps."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
