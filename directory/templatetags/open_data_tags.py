"""Citations and the licence for the directory's and its entries' pages."""

import datetime

from django import template
from django.utils.safestring import mark_safe

from directory import citations
from directory.open_data import cite_links
from home.licences import data_licence

register = template.Library()


@register.simple_tag(takes_context=True)
def citation(context, page):
    """{"apa": APA text as HTML, "links": [(label, url)], "licence": Licence} for
    the directory page or an entry, accessed today. Drawn outside the content's
    cached fragments: the date is today's."""
    from directory.models import DirectoryIndexPage

    request = context["request"]
    today = datetime.date.today()
    if isinstance(page, DirectoryIndexPage):
        cited = citations.directory_citation(page, request, accessed=today)
    else:
        cited = citations.entry_citation(page, request, accessed=today)
    return {
        "apa": mark_safe(citations.apa(cited, html=True)),  # noqa: S308 - every part escaped by apa()
        "links": cite_links(page.url),
        "licence": data_licence(page.get_site()),
        "version": cited.version,
    }
