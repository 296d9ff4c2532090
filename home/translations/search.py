"""Search in the visitor's language: every locale's tree is searched, and the
results in the visitor's language come first, then the rest (English, where
most entries are), each in rank order. A page found in both languages is
listed once, in the visitor's."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language

from wagtail.models import Page

from home.caching import cached
from home.translations.fallback import locale_codes, same_language


def in_site_trees(pages, site):
    """`pages` restricted to the site's tree and the trees of its root's translations
    (Wagtail's `in_site` is the default locale's tree alone)."""
    root = site.root_page
    paths = cached(
        ("site-tree-paths", root.pk),
        lambda: list(
            Page.objects.filter(translation_key=root.translation_key, depth=root.depth).values_list("path", flat=True)
        ),
    )
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return pages.filter(condition)


def visitor_language_first(ids):
    """`ids` (best first) with the active locale's pages first; a page whose
    translation in the active locale is also found is left out."""
    if not ids:
        return ids
    language = get_language() or settings.LANGUAGE_CODE
    active = next((pk for pk, code in locale_codes().items() if same_language(code, language)), None)
    if active is None:
        return ids
    from home.search_query import ids_subquery

    # The ids as one parameter: a search's ids can be thousands (home.search_query.ids_subquery).
    pages = Page.objects.filter(pk__in=ids_subquery(ids))
    rows = {pk: (locale_id, key) for pk, locale_id, key in pages.values_list("pk", "locale_id", "translation_key")}
    in_active = {key for locale_id, key in rows.values() if locale_id == active}
    first = [pk for pk in ids if pk in rows and rows[pk][0] == active]
    rest = [pk for pk in ids if pk in rows and rows[pk][0] != active and rows[pk][1] not in in_active]
    return first + rest
