"""The private sections, read once per content version instead of once per query.

Wagtail's `PageQuerySet.public()` builds its condition from every
`PageViewRestriction` row, with a query each time it is called: a page that
lists entries, events and news and checks its organisations' pages paid four
such queries per request, all for the same few rows. A restriction added,
changed or removed, or a page moved or deleted, moves the content version on
(home.caching.invalidation), so the rows read under one version are the rows
of that version. With the version unknown (the cache is down) they are read
from the database each time, as Wagtail does.
"""

from django.db.models import Q

from home.caching.version import cached


def restricted_sections():
    """(path, depth) of every page under a view restriction, cached until content changes."""
    from wagtail.models import PageViewRestriction

    def compute():
        rows = PageViewRestriction.objects.values_list("page__path", "page__depth").order_by("page__path")
        return sorted(set(rows))

    return cached(("view-restrictions",), compute)


def private_q(queryset):
    """Wagtail's PageQuerySet.private_q, from `restricted_sections()`: the same
    condition (each section, itself included, by path prefix and depth)."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])


def install():
    from wagtail.models import Page, PageViewRestriction
    from wagtail.query import PageQuerySet

    PageQuerySet.private_q = private_q
    wagtail_get_view_restrictions = Page.get_view_restrictions

    def get_view_restrictions(page):
        # Wagtail's privacy hook asks on every page served (two queries: the
        # ancestors, for aliases, then the rows). With no private section at
        # all there is nothing to find; otherwise Wagtail's own answer.
        if not restricted_sections():
            return PageViewRestriction.objects.none()
        return wagtail_get_view_restrictions(page)

    Page.get_view_restrictions = get_view_restrictions
