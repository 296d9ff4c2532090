"""The world map of a set of figures per country: each country with a figure
shaded by it and a link, with the figure in its accessible name; the same
figures as table rows for the "Show as a table" beside it.

Generic: the caller gives {ISO alpha-2 code: figure}, the names and the link
of each country. A country too small to draw at this scale (or not in the
shapes) is in the table only.
"""

from dataclasses import dataclass, field
from functools import cache

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from home.maps.drawing import Frame, path_data
from home.maps.shapes import world, world_bbox

LEVELS = 5


@dataclass
class MapRow:
    code: str
    name: str
    count: int
    url: str
    level: int
    selected: bool = False
    drawn: bool = True


@dataclass
class WorldMap:
    svg: str
    rows: list = field(default_factory=list)
    legend: list = field(default_factory=list)

    @property
    def total(self):
        return sum(row.count for row in self.rows)


def levels(counts):
    """The shade (1 to LEVELS) of each count, in equal steps up to the largest."""
    top = max(counts, default=0)
    if top <= LEVELS:
        return {count: count for count in counts}, [(n, n) for n in range(1, top + 1)]
    bounds = [round(top * step / LEVELS) for step in range(LEVELS + 1)]
    legend = [(bounds[step - 1] + 1, bounds[step]) for step in range(1, LEVELS + 1)]

    def level(count):
        return next(step for step, (low, high) in enumerate(legend, start=1) if low <= count <= high)

    return {count: level(count) for count in counts}, legend


def count_label(name, count, noun=None):
    """ "Haiti: 2 entries" with `noun(2)` saying "2 entries", else "Haiti: 2"."""
    return f"{name}: {noun(count) if noun else count}"


def world_map(counts, *, names, url_for, label, selected=(), width=1000, noun=None):
    """A WorldMap of `counts` ({code: figure}, zeros left out).

    `names` maps codes to names, `url_for(code)` gives a country's link,
    `label` names the map for assistive technology, `selected` are codes to
    outline (the active filter), `noun(n)` words a figure ("3 entries").
    """
    shapes = world()
    figures = {str(code).upper(): int(count) for code, count in counts.items() if count and int(count) > 0}
    shade, legend = levels(set(figures.values()))
    rows = sorted(
        (
            MapRow(
                code,
                names.get(code, code),
                count,
                url_for(code),
                shade[count],
                code in selected,
                code in shapes,
            )
            for code, count in figures.items()
        ),
        key=lambda row: (-row.count, row.name),
    )
    paths = _country_paths(width)
    frame = _frame(width)
    land = "".join(paths[code] for code in shapes if code not in figures)
    links = format_html_join(
        "",
        '<a href="{}" class="world-map__country world-map__c{}{}" aria-label="{}"><title>{}</title><path d="{}"/></a>',
        (
            (
                row.url,
                row.level,
                " is-selected" if row.selected else "",
                count_label(row.name, row.count, noun),
                count_label(row.name, row.count, noun),
                mark_safe(paths[row.code]),  # noqa: S308 - digits and letters only
            )
            # Smallest last, so a small country is not hidden under a large neighbour's focus ring.
            for row in sorted((row for row in rows if row.drawn), key=lambda row: -frame.size_of(shapes[row.code].bbox))
        ),
    )
    svg = format_html(
        '<svg class="world-map__svg" viewBox="{}" role="group" aria-label="{}">'
        '<path class="world-map__land" d="{}" aria-hidden="true"/>{}</svg>',
        frame.viewbox,
        label,
        land,
        links,
    )
    return WorldMap(svg=svg, rows=rows, legend=legend)


@cache
def _frame(width):
    box = world_bbox()
    return Frame(box[0], box[1], box[2] - box[0], box[3] - box[1], width)


@cache
def _country_paths(width):
    """{code: path data} of every country at `width`: the shapes never change, and
    simplifying them again cost most of a listing's map (a new query draws one)."""
    frame = _frame(width)
    return {code: path_data(country.rings, frame, 0.5) for code, country in world().items()}
