"""Citations and the licence for the directory's and its entries' pages."""

import dataclasses
import datetime

from django import template
from django.utils.safestring import mark_safe

from directory import citations
from directory.open_data import cite_links
from home.caching import cached

register = template.Library()


@register.simple_tag(takes_context=True)
def citation(context, page):
    """{"apa": APA text as HTML, "links": [(label, url)], "licence": Licence} for
    the directory page or an entry, accessed today. Drawn outside the content's
    cached fragments: the date is today's."""
    from directory.models import DirectoryIndexPage

    request = context["request"]
    cite = citations.directory_citation if isinstance(page, DirectoryIndexPage) else citations.entry_citation
    # All but the date is the same until content changes: no query on a page served again.
    cited = cached(
        ("citation", page.pk, request.scheme, request.get_host(), getattr(request, "LANGUAGE_CODE", "")),
        lambda: cite(page, request, accessed=None),
    )
    cited = dataclasses.replace(cited, accessed=datetime.date.today())
    return {
        "apa": mark_safe(citations.apa(cited, html=True)),  # noqa: S308 - every part escaped by apa()
        "links": cite_links(page.url),
        "licence": cited.licence,
        "version": cited.version,
    }
