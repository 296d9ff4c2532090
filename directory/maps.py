"""The directory's maps, drawn by home.maps: an entry's locator map and the
world map of the entries a listing matches (its country facet)."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.facets import country_names
from directory.regions import COUNTRIES_BY_REGION, GLOBAL
from home.caching import cached
from home.maps import locator_map, map_label, world_map
from home.maps.shapes import world


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
        return EntryLocator(svg=locator_map(world(), label="", area=True), caption=_("Worldwide"))
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
    language = translation.get_language() or "en"
    names = country_names(language)
    counts = {code: count for code, count in listing.counts["country"].items() if code in names}

    def draw():
        return world_map(
            counts,
            names=names,
            url_for=lambda code: f"{directory_url}?{listing.querystring(country=code)}",
            label=_("Map of directory entries by country"),
            selected=set(listing.active["country"]),
            width=width,
            noun=entries_noun,
        )

    return cached(("directory-map", listing.key, directory_url, width, language), draw)
