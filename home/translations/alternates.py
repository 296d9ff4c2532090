"""Where a page exists in other languages: `hreflang` alternates for its live,
public translations (and x-default, the default locale's version), and a
sitemap that lists every locale's tree, not only the default site's root."""

from django.conf import settings

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.translations.fallback import locale_codes


def live_translations(page):
    """The page and its live, public translations, default language first:
    [(language code, page)]. Drafts, private pages and aliases are never announced."""
    if page is None or not getattr(page, "translation_key", None):
        return []
    codes = locale_codes()
    # Aliases repeat their original's content: not a translation.
    pages = Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True).live().public()
    found = [(codes.get(p.locale_id), p) for p in pages if codes.get(p.locale_id)]
    found.sort(key=lambda pair: (pair[0] != settings.LANGUAGE_CODE, pair[0]))
    return found


def hreflang_links(page, request):
    """[{"hreflang", "href"}] for <head>: nothing when only one language is live."""
    versions = live_translations(page)
    if len(versions) < 2:
        return []
    links = [{"hreflang": code, "href": p.get_full_url(request)} for code, p in versions]
    default = next((p for code, p in versions if code == settings.LANGUAGE_CODE), None)
    if default is not None:
        links.append({"hreflang": "x-default", "href": default.get_full_url(request)})
    return [link for link in links if link["href"]]


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap walks the site's root page only, the English tree;
    this one also walks the trees of that root's translations."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for tree_root in roots:
            pages = pages | Page.objects.descendant_of(tree_root, inclusive=True)
        pages = pages.filter(alias_of__isnull=True)  # an alias repeats its original's content
        return pages.live().public().order_by("path").defer_streamfields().specific()
