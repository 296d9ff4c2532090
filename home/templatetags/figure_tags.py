"""Small pieces of the site's figures: data-source icons and gap-map shading. Read-only."""

import functools
import re

from django import template
from django.core.files.storage import storages
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

SPRITE = "img/data-sources.svg"
# The data sources hub/static/img/data-sources.svg has a symbol for (its ids are "ds-<slug>");
# any other (a term an editor adds) gets the generic database symbol.
ICONS = frozenset(
    {
        "mobile-phone-cdr",
        "social-media",
        "online-advertising",
        "search-queries",
        "web-data",
        "location-history",
        "satellite-imagery",
        "census-microdata",
        "surveys",
        "administrative-data",
        "field-monitoring",
        "humanitarian-operational-data",
        "climate-environmental-data",
        "epidemiological-data",
        "travel-records",
    }
)


@register.simple_tag
def data_source_icon(slug, size=24):
    """The icon of the data source `slug`, decorative: its name is always written beside it."""
    return _icon(str(slug), str(size), id(storages["staticfiles"]))


# The same few dozen icons on every card: the sprite's static URL is looked up once
# each, per static files storage (a settings change makes a new one).
@functools.lru_cache(maxsize=256)
def _icon(slug, size, _storage):
    symbol = f"ds-{slug}" if slug in ICONS else "ds-generic"
    return format_html(
        '<svg class="ds-icon" width="{}" height="{}" aria-hidden="true" focusable="false">'
        '<use href="{}#{}"></use></svg>',
        size,
        size,
        static(SPRITE),
        symbol,
    )


@register.filter
def gap_level(count):
    """The shade of a gap-map cell: 1 for one entry, 2 for two or three, 3 for more."""
    count = int(count or 0)
    return 3 if count > 3 else 2 if count > 1 else 1


_SMALL_WORDS = {"a", "an", "and", "at", "by", "de", "des", "du", "for", "in", "of", "on", "the", "to", "with", "from"}


@register.filter
def mark_text(member):
    """The letters of a member's typographic mark: its acronym, else the initials
    of the significant words of its name (at most four)."""
    acronym = (getattr(member, "acronym", "") or "").strip()
    if acronym and len(acronym) <= 8:
        return acronym
    words = [word for word in re.split(r"[\s/:,()\-]+", str(member.title)) if word]
    significant = [word for word in words if word.lower() not in _SMALL_WORDS] or words
    return "".join(word[0] for word in significant if word[0].isalnum()).upper()[:4] or "?"
