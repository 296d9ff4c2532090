"""Locator maps: where a page's countries are, as a small inline SVG.

Cached through `home.caching.cached` under the content version: a card or a
page that shows the same places again costs a cache read, not a drawing.
"""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from home.caching import cached
from home.maps.drawing import frame_around, path_data
from home.maps.shapes import land as shape_land
from home.maps.shapes import world, world_bbox

WIDTH = 320
# In units of the 320-wide grid: a card shows the map about 14 to 22 rem wide.
TOLERANCE = 0.8
ASPECT = 16 / 9
# Below this size on the output grid a country gets a ring around it, or a
# small island state would be a speck nobody sees.
MARKER_BELOW = 8


def locator_map(codes, *, label, area=False):
    """The SVG markup that shows the countries `codes` (ISO alpha-2) on the
    land around them, or "" when none of them has a shape to draw.

    `label` is its accessible name ("Map: Haiti"). With `area`, the countries
    stand for a region or the whole world the page names in words beside the
    map: they are shaded lighter and the map is decorative (hidden from
    assistive technology), since the words say it.
    """
    codes = tuple(sorted({str(code).upper() for code in codes}))
    return cached(("locator-map", codes, label, area), lambda: _draw(codes, label, area))


def _draw(codes, label, area):
    shapes = world()
    shown = [shapes[code] for code in codes if code in shapes]
    if not shown:
        return ""
    frame = frame_around([country.bbox for country in shown], world=world_bbox(), width=WIDTH, aspect=ASPECT)
    land = path_data([piece.ring for piece in shape_land() if frame.shows(piece.bbox)], frame, TOLERANCE)
    places = "".join(path_data(country.rings, frame, TOLERANCE) for country in shown)
    markers = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="{}"/>',
        (
            (*frame.centre_of(country.bbox), MARKER_BELOW)
            for country in shown
            if not area and frame.size_of(country.bbox) < MARKER_BELOW
        ),
    )
    kind = "area" if area else "place"
    if area:
        opening = format_html(
            '<svg class="locator locator--area" viewBox="{}" aria-hidden="true" focusable="false">', frame.viewbox
        )
    else:
        opening = format_html(
            '<svg class="locator" viewBox="{}" role="img" aria-label="{}" focusable="false">', frame.viewbox, label
        )
    return format_html(
        '{}<rect class="locator__sea" width="100%" height="100%"/><path class="locator__land" d="{}"/>'
        '<path class="locator__{}" d="{}"/>{}</svg>',
        opening,
        land,
        kind,
        places,
        format_html('<g class="locator__markers">{}</g>', markers) if markers else "",
    )


def worldwide_map():
    """The whole world's land shaded as the area, decorative: for a page about
    the world as a whole, which the words beside it say."""
    return cached(("locator-map-worldwide",), _draw_worldwide)


def _draw_worldwide():
    box = world_bbox()
    frame = frame_around([box], world=box, width=WIDTH, aspect=ASPECT, margin=0)
    land = path_data([piece.ring for piece in shape_land()], frame, TOLERANCE)
    return format_html(
        '<svg class="locator locator--area" viewBox="{}" aria-hidden="true" focusable="false">'
        '<rect class="locator__sea" width="100%" height="100%"/><path class="locator__area" d="{}"/></svg>',
        frame.viewbox,
        land,
    )


def map_label(names):
    """ "Map: Haiti, Dominican Republic" for the accessible name of a locator map."""
    return _("Map: %(places)s") % {"places": ", ".join(names)}
