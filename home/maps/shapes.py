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
ANTARCTIC_CIRCLE = -66.5
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
    """A ring that crosses the antimeridian (Russia's far east, Fiji) kept whole:
    past a jump of more than 180° the points go on beyond ±180°, so no edge
    spans the map, and the ring is moved back by 360° if most of it went over."""
    points, offset, previous = [], 0, None
    for lon, lat in ring:
        if previous is not None and lon - previous > 180:
            offset -= 360
        elif previous is not None and previous - lon > 180:
            offset += 360
        previous = lon
        points.append((lon + offset, lat))
    mean = sum(lon for lon, _ in points) / len(points)
    shift = -360 if mean > 180 else 360 if mean < -180 else 0
    return [(lon + shift, lat) for lon, lat in points] if shift else points


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


@dataclass(frozen=True)
class LandRing:
    ring: tuple
    bbox: tuple


@cache
def land():
    """The land as one silhouette, without the borders between countries: the
    background of a map, at half the points of every country drawn whole.
    Each ring on its own, so a map draws only those in its frame."""
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    rings = []
    for _id, _properties, shapes in features(topology, "land"):
        for shape in shapes:
            for ring in shape:
                if min(lat for _, lat in ring) < ANTARCTIC_CIRCLE:
                    continue
                projected = tuple((x, -y) for x, y in (equal_earth(lon, lat) for lon, lat in _unwrapped(ring)))
                xs, ys = [x for x, _ in projected], [y for _, y in projected]
                rings.append(LandRing(projected, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(rings)


@cache
def world_bbox():
    boxes = [country.bbox for country in world().values()]
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )
