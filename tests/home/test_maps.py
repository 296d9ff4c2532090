"""home.maps: Natural Earth's shapes decoded and drawn as SVG, known by ISO code."""

import gzip
import hashlib
import json
import re

from django.core.cache import cache

import pytest
from bs4 import BeautifulSoup

from home.maps import locator_map, map_label, world_map, worldwide_map
from home.maps.choropleth import levels
from home.maps.drawing import Frame, path_data, simplified
from home.maps.projection import equal_earth
from home.maps.shapes import SOURCE, world, world_bbox
from home.maps.topojson import decode_arcs, polygons

# The file copied from world-atlas 2.0.2 (home/maps/data/README.md).
SOURCE_SHA256 = "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"


def svg_of(markup):
    return BeautifulSoup(markup, "html.parser").find("svg")


def test_the_shapes_are_the_pinned_natural_earth_file():
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == SOURCE_SHA256
    readme = (SOURCE.parent / "README.md").read_text()
    assert "world-atlas" in readme and "2.0.2" in readme and SOURCE_SHA256 in readme


def test_decoder_reads_quantized_delta_encoded_arcs_and_reversed_arcs():
    topology = {
        "transform": {"scale": [0.5, 2], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, -1]]],
        "objects": {},
    }
    arcs = decode_arcs(topology)
    assert arcs == [[(10, 20), (11, 20), (11, 22)], [(11, 22), (10, 20)]]
    # Arc ~0 is arc 0 walked backwards; shared end points are kept once.
    ring = polygons({"type": "Polygon", "arcs": [[0, 1]]}, arcs)[0][0]
    assert ring == [(10, 20), (11, 20), (11, 22), (10, 20)]
    assert polygons({"type": "MultiPolygon", "arcs": [[[~1]], [[0]]]}, arcs)[0][0] == [(10, 20), (11, 22)]
    assert polygons({"type": "Point", "coordinates": [1, 2]}, arcs) == []


def test_equal_earth_matches_the_published_extent():
    # The projection's x reaches 2.7064 at 180° on the equator and y 1.3173 at the pole.
    assert equal_earth(0, 0) == (0, 0)
    assert equal_earth(180, 0)[0] == pytest.approx(2.7064, abs=1e-3)
    assert equal_earth(0, 90)[1] == pytest.approx(1.3173, abs=1e-3)
    assert equal_earth(-30, -40)[0] < 0 and equal_earth(-30, -40)[1] < 0


def test_countries_are_known_by_iso_alpha2_code():
    shapes = world()
    for code in ("HT", "BD", "US", "RU", "FJ", "XK", "PR", "TR", "SY"):
        assert code in shapes, code
    assert "AQ" not in shapes  # Antarctica is left out
    # West is left and north is up: Haiti lies west of Bangladesh and north of Brazil.
    assert shapes["HT"].bbox[2] < shapes["BD"].bbox[0]
    assert shapes["HT"].bbox[3] < shapes["BR"].bbox[1]
    # Russia's far east crosses the antimeridian without an edge across the whole map.
    west, _, east, _ = world_bbox()
    for ring in shapes["RU"].rings:
        assert all(abs(a[0] - b[0]) < (east - west) / 4 for a, b in zip(ring, ring[1:], strict=False))


def test_path_data_is_relative_whole_units_and_drops_what_the_grid_cannot_show():
    frame = Frame(0, 0, 10, 10, 100)
    square = [(1, 1), (5, 1), (5, 5), (1, 5), (1, 1)]
    assert path_data([square], frame) == "M10 10l40 0 0 40-40 0z"
    # A ring smaller than one unit of the grid is not drawn at all.
    assert path_data([[(1, 1), (1.01, 1), (1.01, 1.01), (1, 1)]], frame) == ""
    assert simplified([(0, 0), (1, 0.1), (2, 0)], 0.5) == [(0, 0), (2, 0)]
    assert simplified([(0, 0), (1, 3), (2, 0)], 0.5) == [(0, 0), (1, 3), (2, 0)]


@pytest.mark.django_db
def test_locator_map_draws_the_country_with_its_accessible_name():
    cache.clear()
    markup = locator_map(["ht"], label=map_label(["Haiti"]))
    svg = svg_of(markup)
    assert svg["role"] == "img"
    assert svg["aria-label"] == "Map: Haiti"
    place = svg.find("path", class_="locator__place")
    assert re.fullmatch(r"(M\d+ \d+l[-\d ]+z)+", place["d"])
    # The land around it is drawn too, and the view is a 16:9 window, not the world.
    assert svg.find("path", class_="locator__land")["d"]
    assert svg["viewbox"] == "0 0 320 180"
    assert len(gzip.compress(markup.encode())) < 4_000


@pytest.mark.django_db
def test_locator_map_of_an_area_is_decorative_and_an_unknown_code_draws_nothing():
    cache.clear()
    svg = svg_of(locator_map(["NP", "IN", "BD"], label="", area=True))
    assert svg["aria-hidden"] == "true"
    assert not svg.has_attr("role")
    assert svg.find("path", class_="locator__area")["d"]
    assert locator_map(["ZZ"], label="Map: nowhere") == ""
    # The whole world: the land's silhouette, decorative, a few kilobytes.
    worldwide = svg_of(worldwide_map())
    assert worldwide["aria-hidden"] == "true"
    assert worldwide.find("path", class_="locator__area")["d"]
    assert len(str(worldwide)) < 6_000


@pytest.mark.django_db
def test_locator_map_is_cached_under_the_content_version(django_assert_num_queries):
    from home.caching import bump_content_version
    from home.maps import locator

    cache.clear()
    drawn = []
    original = locator._draw

    def counting(*args):
        drawn.append(args)
        return original(*args)

    locator._draw = counting
    try:
        first = locator_map(["TR", "SY"], label="Map: Türkiye, Syria")
        assert locator_map(["SY", "TR"], label="Map: Türkiye, Syria") == first
        assert len(drawn) == 1
        bump_content_version()
        locator_map(["TR", "SY"], label="Map: Türkiye, Syria")
        assert len(drawn) == 2
    finally:
        locator._draw = original


@pytest.mark.django_db
def test_a_country_too_small_to_see_at_the_scale_gets_a_ring_around_it():
    cache.clear()
    # Beside the United States and Germany, Puerto Rico is a few units across.
    svg = svg_of(locator_map(["US", "DE", "PR"], label="Map"))
    assert len(svg.select(".locator__markers circle")) == 1
    assert svg_of(locator_map(["US"], label="Map")).find("circle") is None


@pytest.mark.django_db
def test_world_map_links_every_country_with_a_figure_and_names_its_count():
    cache.clear()
    result = world_map(
        {"HT": 2, "BD": 5, "ZZ": 1, "FR": 0},
        names={"HT": "Haiti", "BD": "Bangladesh", "ZZ": "Nowhere"},
        url_for=lambda code: f"/directory/?country={code}",
        label="Map of entries by country",
        selected={"HT"},
        noun=lambda n: f"{n} entries",
    )
    svg = svg_of(result.svg)
    assert svg["role"] == "group" and svg["aria-label"] == "Map of entries by country"
    links = {a["href"]: a for a in svg.find_all("a")}
    assert set(links) == {"/directory/?country=HT", "/directory/?country=BD"}
    assert links["/directory/?country=HT"]["aria-label"] == "Haiti: 2 entries"
    assert links["/directory/?country=BD"]["aria-label"] == "Bangladesh: 5 entries"
    assert "is-selected" in links["/directory/?country=HT"]["class"]
    # The table has every figure, the undrawable country's too; zeros are left out.
    assert [(row.code, row.count, row.drawn) for row in result.rows] == [
        ("BD", 5, True),
        ("HT", 2, True),
        ("ZZ", 1, False),
    ]
    assert result.total == 8
    assert len(gzip.compress(result.svg.encode())) <= 60 * 1024


@pytest.mark.django_db
def test_world_map_of_every_country_stays_under_60_kb_compressed():
    counts = {code: number % 40 + 1 for number, code in enumerate(sorted(world()))}
    result = world_map(
        counts,
        names={code: f"Country {code}" for code in counts},
        url_for=lambda code: f"/directory/?data_source=mobile-phone-cdr&country={code}",
        label="Map",
    )
    assert len(svg_of(result.svg).find_all("a")) == len(counts)
    assert len(gzip.compress(result.svg.encode())) <= 60 * 1024


def test_shades_go_up_in_equal_steps_to_the_largest_figure():
    shade, legend = levels({1, 2, 3})
    assert shade == {1: 1, 2: 2, 3: 3} and legend == [(1, 1), (2, 2), (3, 3)]
    shade, legend = levels({1, 4, 10})
    assert legend == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    assert shade == {1: 1, 4: 2, 10: 5}
    assert levels(set()) == ({}, [])


def test_the_source_file_is_topojson_of_natural_earth_countries():
    topology = json.loads(SOURCE.read_text())
    assert topology["type"] == "Topology"
    assert len(topology["objects"]["countries"]["geometries"]) == 177
