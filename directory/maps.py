"""The directory's maps, drawn by home.maps: an entry's locator map and the
world map of the entries a listing matches (its country facet)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.facets import country_counts, country_names
from directory.regions import COUNTRIES_BY_REGION, GLOBAL
from home.caching import cached
from home.maps import locator_map, map_label, world_map, worldwide_map


@dataclass
class EntryLocator:
    # The SVG ("" when nothing can be drawn) and the words that say the place
    # when the map does not name it itself (regions, worldwide, no shape).
    svg: str
    caption: str


def entry_locator(entry):
    """The locator of a directory entry: its countries, else its regions or
    "Worldwide" said in words (the shaded area beside them then decorative),
    or None when the entry names no place at all."""
    countries = [link.country for link in entry.country_links.all()]
    if countries:
        names = [str(country.name) for country in countries]
        svg = locator_map([country.code for country in countries], label=map_label(names))
        # A country too small for the shapes (Malta, Singapore...) is named, not drawn.
        return EntryLocator(svg=svg, caption="" if svg else ", ".join(names))
    regions = list(entry.regions.all())
    if any(region.slug == GLOBAL for region in regions):
        return EntryLocator(svg=worldwide_map(), caption=_("Worldwide"))
    if regions:
        codes = [code for region in regions for code in COUNTRIES_BY_REGION.get(region.slug, ())]
        caption = ngettext("Region: %(names)s", "Regions: %(names)s", len(regions)) % {
            "names": ", ".join(region.name for region in regions)
        }
        return EntryLocator(svg=locator_map(codes, label="", area=True) if codes else "", caption=caption)
    return None


def entries_noun(count):
    return ngettext("%(count)d entry", "%(count)d entries", count) % {"count": count}


def directory_map(listing, *, directory_url, width=1000):
    """The world map of `listing`: each country shaded by its number of entries
    under every other active filter (the country facet's counts, so a visitor
    can move from country to country), linked to the listing filtered by it."""
    return _world_map(
        listing.counts["country"],
        url_for=lambda code: f"{directory_url}?{listing.querystring(country=code)}",
        selected=set(listing.active["country"]),
        key=("directory-map", listing.key, directory_url, width),
        width=width,
    )


def home_page_map(home):
    """The world map of the directory under `home`, smaller, for the home page:
    drawn only when the home page's fragment for it is not cached yet."""
    from directory.models import DirectoryIndexPage

    def draw():
        index = DirectoryIndexPage.objects.live().public().descendant_of(home).first()
        return directory_overview_map(index) if index else None

    return SimpleLazyObject(draw)


def directory_overview_map(index, *, width=720):
    """The world map of every entry of the directory `index`, for the home page:
    the country facet's counts of the unfiltered directory, one query."""
    directory_url = index.get_url()
    counts = cached(("directory-country-counts", index.pk), lambda: country_counts(index.get_entries()))
    return _world_map(
        counts,
        url_for=lambda code: f"{directory_url}?{urlencode({'country': code})}",
        selected=set(),
        key=("directory-overview-map", index.pk, directory_url, width),
        width=width,
    )


def _world_map(counts, *, url_for, selected, key, width):
    language = translation.get_language() or "en"
    names = country_names(language)

    def draw():
        return world_map(
            {code: count for code, count in counts.items() if code in names},
            names=names,
            url_for=url_for,
            label=_("Map of directory entries by country"),
            selected=selected,
            width=width,
            noun=entries_noun,
        )

    return cached((*key, language), draw)
