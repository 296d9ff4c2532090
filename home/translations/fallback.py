"""Honest fallbacks: a page with no live translation in the visitor's locale is
served in English, labelled `lang="en"`, with a notice in the visitor's language.

Wagtail routes `/fr/...` from the French home page when one is live (else from
the English one, `Site.root_page.localized`). A French tree holds only the
pages translated so far, so a path under it that has no live French page is
routed again from the default locale's home page: the English page is served,
never a 404 for a page that exists, and never English text labelled French.
"""

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language

from wagtail.models import Locale

from home.caching import content_version


def _default_locale_id():
    try:
        return Locale.get_default().pk
    except Locale.DoesNotExist:
        return None


class LocaleFallbackRouteMixin:
    """For the home page: route through the default locale's tree when this
    locale's tree has no live page at the path."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            default_id = _default_locale_id()
            if default_id is None or self.locale_id == default_id:
                raise
            source = self.get_translations().filter(locale_id=default_id).live().first()
            if source is None:
                raise
            return source.specific.route(request, path_components)


_memo = {}


def locale_codes():
    """{locale id: language code}: kept in the process for one content version
    (a saved Locale moves it), so every page's `lang` costs no query."""
    version = content_version()
    if version is not None and _memo.get("version") == version:
        return _memo["codes"]
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    if version is not None:
        _memo.update(version=version, codes=codes)
    return codes


def content_language(obj):
    """The language code of a page's (or snippet's) content.

    An alias (what Wagtail and wagtail-localize make of an untranslated parent,
    and what a synchronised locale starts with) shows its original's content,
    so it is labelled with the original's language, not its own locale's."""
    locale_id = getattr(obj, "locale_id", None)
    if getattr(obj, "alias_of_id", None):
        from wagtail.models import Page

        locale_id = Page.objects.filter(pk=obj.alias_of_id).values_list("locale_id", flat=True).first()
    return locale_codes().get(locale_id) if locale_id is not None else None


def same_language(code, other):
    """'fr' and 'fr-ca' are one language for the label a page carries."""
    if not code or not other:
        return False
    return code.split("-")[0].lower() == other.split("-")[0].lower()


def in_visitor_language(pages, request):
    """[(page, url)] for default-locale `pages`: each one's live translation in the
    visitor's language where there is one, else the English page at its own
    address (as `{% index_url %}` links an untranslated section). One query."""
    pages = list(pages)
    language = get_language()
    if not pages or same_language(language, settings.LANGUAGE_CODE):
        return [(page, page.get_url(request=request)) for page in pages]
    active = next((pk for pk, code in locale_codes().items() if same_language(code, language)), None)
    if active is None:
        return [(page, page.get_url(request=request)) for page in pages]
    from wagtail.models import Page

    translations = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages], locale_id=active, alias_of__isnull=True
        )
        .live()
        .public()
    }
    found = []
    for page in pages:
        shown = translations.get(page.translation_key, page)
        found.append((shown, shown.get_url(request=request)))
    return found
