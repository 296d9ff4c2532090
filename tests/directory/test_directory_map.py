"""The directory's maps: an entry's locator map on its card and page, and the
world map of the directory that follows its filters."""

import gzip
from urllib.parse import parse_qsl, urlsplit

from django.core.cache import cache

import pytest

from directory.models import DataSource, Region
from tests.factories import build_site, entry_page, make_image, term
from tests.html import assert_sound_page, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    cache.clear()
    tree = build_site()
    cdr = term(DataSource, "Mobile phone records", slug="mobile-phone-cdr")
    sat = term(DataSource, "Satellite imagery", slug="satellite-imagery")
    sas = term(Region, "South Asia", slug="south-asia")
    world = term(Region, "Global / multi-regional", slug="global")
    index = tree["directory_index"]

    def entry(title, year, **kwargs):
        return entry_page(index, title=title, year_started=year, **kwargs)

    entries = {
        "haiti": entry("Haiti earthquake", 2010, data_sources=[cdr], countries=["HT"]),
        "nepal": entry("Nepal mobility", 2015, data_sources=[cdr], countries=["NP", "IN"]),
        "camps": entry("Camps from space", 2017, data_sources=[sat], countries=["BD", "IN"]),
        "region": entry("South Asian remittances", 2016, data_sources=[sat], regions=[sas]),
        "global": entry("Global flows", 2019, data_sources=[cdr], regions=[world]),
        "photo": entry_page(
            index, title="With a photo", data_sources=[cdr], countries=["HT"], image=make_image(), year_started=2011
        ),
        "malta": entry_page(index, title="Arrivals in Malta", countries=["MT"], year_started=2012),
    }
    return {"tree": tree, "entries": entries}


def card(soup, title):
    [found] = [c for c in soup.select(".card--entry") if c.select_one(".card__title").get_text(strip=True) == title]
    return found


def world_map_links(soup, scope=".world-map"):
    return {a["aria-label"]: a["href"] for a in soup.select(f"{scope} svg a")}


def table_rows(soup, scope=".world-map"):
    return {
        row.th.get_text(strip=True): int(row.td.get_text(strip=True)) for row in soup.select(f"{scope} table tbody tr")
    }


def test_a_card_without_a_photo_shows_a_locator_map_of_its_countries(client, directory):
    soup = assert_sound_page(soup_of(client.get("/directory/")))
    svg = card(soup, "Nepal mobility").select_one(".card__media svg.locator")
    assert svg["role"] == "img"
    assert svg["aria-label"] == "Map: Nepal, India"
    assert svg.select_one(".locator__place")["d"].startswith("M")
    # A card with a photo shows the photo, not a map.
    photo_card = card(soup, "With a photo")
    assert photo_card.select_one(".card__media picture, .card__media img") is not None
    assert photo_card.select_one("svg.locator") is None


def test_regions_and_worldwide_are_said_in_words_beside_a_decorative_map(client, directory):
    soup = soup_of(client.get("/directory/"))
    region = card(soup, "South Asian remittances")
    assert region.select_one(".locator-map__caption").get_text(strip=True) == "Region: South Asia"
    assert region.select_one("svg")["aria-hidden"] == "true"
    assert region.select_one(".locator__area")["d"]
    assert region.select_one(".locator__place") is None  # no country is singled out
    worldwide = card(soup, "Global flows")
    assert worldwide.select_one(".locator-map__caption").get_text(strip=True) == "Worldwide"
    assert worldwide.select_one("svg")["aria-hidden"] == "true"
    # A country too small for the shapes is named, not drawn as a made-up spot.
    malta = card(soup, "Arrivals in Malta")
    assert malta.select_one("svg") is None
    assert malta.select_one(".locator-map__caption").get_text(strip=True) == "Malta"


def test_entry_page_without_a_photo_shows_its_locator_map_at_the_top(client, directory):
    entry = directory["entries"]["haiti"]
    soup = assert_sound_page(soup_of(client.get(entry.url)))
    locator = soup.select_one("article .locator-map--page svg")
    assert locator["aria-label"] == "Map: Haiti"
    header = soup.select_one("article .page-header")
    assert header.find_next_sibling()["class"][0] == "locator-map"
    photo = soup_of(client.get(directory["entries"]["photo"].url))
    assert photo.select_one(".locator-map--page") is None


def test_world_map_links_each_country_with_entries_to_the_filtered_directory(client, directory):
    soup = soup_of(client.get("/directory/"))
    links = world_map_links(soup)
    assert links == {
        "India: 2 entries": "/directory/?country=IN",
        "Haiti: 2 entries": "/directory/?country=HT",
        "Nepal: 1 entry": "/directory/?country=NP",
        "Bangladesh: 1 entry": "/directory/?country=BD",
    }
    for href in links.values():
        assert client.get(href).status_code == 200
    assert {a.get("tabindex") for a in soup.select(".world-map svg a")} == {None}  # links: focusable as they are
    assert soup.select_one(".world-map svg")["aria-label"] == "Map of directory entries by country"


def test_the_table_has_the_same_figures_as_the_map(client, directory):
    soup = soup_of(client.get("/directory/"))
    # Malta has no shape at this scale: in the table only.
    assert table_rows(soup) == {"India": 2, "Haiti": 2, "Nepal": 1, "Bangladesh": 1, "Malta": 1}
    drawn = {label.split(":")[0]: int(label.split(": ")[1].split()[0]) for label in world_map_links(soup)}
    assert drawn == {name: n for name, n in table_rows(soup).items() if name != "Malta"}
    assert soup.select_one(".world-map details summary").get_text(strip=True) == "Show as a table"


def test_world_map_follows_the_active_filters(client, directory):
    soup = soup_of(client.get("/directory/?data_source=satellite-imagery"))
    assert world_map_links(soup) == {
        "India: 1 entry": "/directory/?data_source=satellite-imagery&country=IN",
        "Bangladesh: 1 entry": "/directory/?data_source=satellite-imagery&country=BD",
    }
    assert table_rows(soup) == {"India": 1, "Bangladesh": 1}
    # With a country chosen, the others stay on the map to move to, the chosen one outlined.
    soup = soup_of(client.get("/directory/?country=IN"))
    selected = soup.select(".world-map svg a.is-selected")
    assert [a["aria-label"] for a in selected] == ["India: 2 entries"]
    href = soup.select_one('.world-map svg a[aria-label="Haiti: 2 entries"]')["href"]
    assert dict(parse_qsl(urlsplit(href).query)) == {"country": "HT"}


def test_no_match_shows_no_map_but_says_so(client, directory):
    soup = soup_of(client.get("/directory/?data_source=satellite-imagery&year=2010"))
    assert soup.select(".world-map svg") == []
    assert "No entry names a country yet." in soup.select_one(".world-map").get_text()


@pytest.mark.parametrize(
    "query",
    [
        "country=ZZ",
        "country=%00",
        "country=" + "x" * 5000,
        "country=HT&country=ht&country=HT",
        "data_source=%FF%FE&country=HT",
        "page=-1&country=<script>",
        "&".join(f"country={code}" for code in ["HT", "NP", "IN", "BD"] * 30),
    ],
)
def test_odd_filter_values_never_answer_5xx(client, directory, query):
    response = client.get(f"/directory/?{query}")
    assert response.status_code in (200, 404)
    assert b"<script>" not in response.content.split(b"</head>")[1].replace(b'<script src="', b"")


def test_world_map_markup_is_at_most_60_kb_compressed(client, directory):
    soup = soup_of(client.get("/directory/"))
    for scope in (".world-map svg",):
        markup = str(soup.select_one(scope))
        assert len(gzip.compress(markup.encode())) <= 60 * 1024


def test_home_page_shows_a_smaller_world_map_of_the_directory(client, directory):
    soup = assert_sound_page(soup_of(client.get("/")))
    section = soup.select_one('section[aria-labelledby="home-map-heading"]')
    assert section.select_one(".world-map--compact") is not None
    assert world_map_links(soup, ".world-map--compact")["Haiti: 2 entries"] == "/directory/?country=HT"
    assert table_rows(soup, ".world-map--compact")["India"] == 2
    assert len(gzip.compress(str(section.select_one("svg")).encode())) <= 60 * 1024


def test_maps_are_redrawn_when_content_changes(client, directory):
    assert "Haiti: 2 entries" in world_map_links(soup_of(client.get("/directory/")))
    entry_page(directory["tree"]["directory_index"], title="Haiti again", countries=["HT"])
    assert "Haiti: 3 entries" in world_map_links(soup_of(client.get("/directory/")))
    assert "Haiti: 3 entries" in world_map_links(soup_of(client.get("/")), ".world-map--compact")


def test_repeated_cards_and_maps_cost_no_extra_queries(client, directory, django_assert_max_num_queries):
    client.get("/directory/")
    client.get("/")
    # Warm: the listing, the cards and both maps come from the cache.
    with django_assert_max_num_queries(25):
        client.get("/directory/?page=1")
    entries = directory["entries"]
    for number in range(10):
        entry_page(directory["tree"]["directory_index"], title=f"More {number}", countries=["HT", "NP"])
    del entries
    cache.clear()
    with django_assert_max_num_queries(60):
        assert client.get("/directory/").status_code == 200
