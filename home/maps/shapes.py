"""The world's countries as projected rings, read once per process from the
Natural Earth file in `data/` (see data/README.md) and known by ISO 3166-1
alpha-2 code."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django_countries import countries

from home.maps.projection import equal_earth
from home.maps.topojson import features

SOURCE = Path(__file__).parent / "data" / "countries-110m.json"
ANTARCTICA = "010"
# Natural Earth draws three areas without an ISO numeric code. Kosovo has the
# user-assigned code the directory uses; Northern Cyprus and Somaliland are
# drawn as part of the countries ISO 3166 counts them in.
CODES_BY_NAME = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


@dataclass(frozen=True)
class Country:
    code: str
    # Rings of projected (x, y) points, y growing southwards as in SVG.
    rings: tuple
    bbox: tuple  # (min x, min y, max x, max y)


def _unwrapped(ring):
    """A ring that crosses the antimeridian (Russia's far east, Fiji) kept whole,
    its western points moved past 180° so no edge spans the map."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def _code(feature_id, properties):
    if feature_id is None:
        return CODES_BY_NAME.get(properties.get("name"))
    return countries.alpha2(feature_id) or None


@cache
def world():
    """{alpha-2 code: Country}, Antarctica left out (no entry is about it)."""
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    rings_by_code = {}
    for feature_id, properties, shapes in features(topology, "countries"):
        code = _code(feature_id, properties)
        if feature_id == ANTARCTICA or not code:
            continue
        for shape in shapes:
            for ring in shape:
                projected = [equal_earth(lon, lat) for lon, lat in _unwrapped(ring)]
                rings_by_code.setdefault(code, []).append(tuple((x, -y) for x, y in projected))
    shapes = {}
    for code, rings in rings_by_code.items():
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        shapes[code] = Country(code, tuple(rings), (min(xs), min(ys), max(xs), max(ys)))
    return shapes


@cache
def world_bbox():
    boxes = [country.bbox for country in world().values()]
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )
