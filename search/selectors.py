"""Read-side queries of the site search: ranked ids in, annotated specific pages out."""

import dataclasses

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from home.caching.search_hits import record_hit
from home.describing import DescribedPage
from home.fragments import in_order
from home.search_query import search_ranking
from home.translations.search import in_site_trees, visitor_language_first

# The public page types a visitor can narrow results to, by a short name.
RESULT_TYPES = {
    "entry": ("directory.DirectoryEntryPage", _("Directory entry"), _("Directory entries")),
    "news": ("home.NewsPage", _("News"), _("News")),
    "event": ("events.EventPage", _("Event"), _("Events")),
    "member": ("directory.MemberPage", _("Member"), _("Members")),
    "page": ("home.StandardPage", _("Page"), _("Pages")),
}


def public_pages(*, site=None, result_type=""):
    """Live pages that anonymous visitors may see, optionally of one type and in one site."""
    pages = Page.objects.live().public()
    if site is not None:
        pages = in_site_trees(pages, site)  # every language's tree
    if result_type in RESULT_TYPES:
        pages = pages.type(apps.get_model(RESULT_TYPES[result_type][0]))
    return pages


def promoted_pages(query):
    """Editors' promoted results for a query, live and public only, in their order.

    Reads without writing: a search for a new phrase creates no Query row here.
    """
    normalised = normalise_query_string(query)
    picks = (
        Query.objects.filter(query_string=normalised)
        .values_list("editors_picks__page_id", "editors_picks__description")
        .order_by("editors_picks__sort_order")
    )
    picks = [(page_id, description) for page_id, description in picks if page_id]
    if not picks:
        return []
    visible = {page.pk: page for page in public_pages().filter(pk__in=[pk for pk, _ in picks]).specific()}
    promoted = []
    for page_id, description in picks:
        if page_id in visible:
            page = annotate(visible[page_id])
            page.result_excerpt = description or page.result_excerpt
            promoted.append(page)
    return promoted


def log_query(query):
    """Count the search so editors see popular queries (Wagtail's search promotions
    admin), with the hits of cached searches waiting in the cache (home.caching.search_hits)."""
    record_hit(query)


def search_results(query, *, site=None, result_type=""):
    """The hybrid ranking (home.semantic.hybrid.Ranking) of the public pages for `query`,
    pages in the visitor's language first."""
    ranking = search_ranking(public_pages(site=site, result_type=result_type), query, cache_prefix="site-search")
    return dataclasses.replace(ranking, ids=visitor_language_first(ranking.ids))


def pages_for_ids(ids):
    """The specific pages for `ids`, in that order, each annotated for a result card.

    One query for the pages plus one per page type on the list, whatever its length.
    """
    return [annotate(page) for page in in_order(Page.objects.live().public().specific(defer=False), ids)]


def _type_label(page):
    for label, singular, _plural in RESULT_TYPES.values():
        if page._meta.label == label:
            return singular
    return page._meta.verbose_name.capitalize()


def annotate(page):
    """Adds what a result card shows: `result_type_label`, `result_date`, `result_excerpt`."""
    page.result_type_label = _type_label(page)
    # Each page type says what its result shows (home/describing.py).
    described = isinstance(page, DescribedPage)
    page.result_date = page.search_result_date() if described else None
    page.result_excerpt = page.search_excerpt() if described else ""
    return page
