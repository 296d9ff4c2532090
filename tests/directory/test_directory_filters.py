"""The directory's filters, facet counts, sorting, search and shareable URLs."""

from urllib.parse import parse_qsl

import pytest

from directory.models import CollaborativeType, DataSource, Region, ValueProposition
from home.models import Topic
from tests.factories import build_site, entry_page, term
from tests.html import card_titles, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    tree = build_site()
    vocab = {
        "cdr": term(DataSource, "Mobile phone records", slug="mobile-phone-cdr"),
        "sat": term(DataSource, "Satellite imagery", slug="satellite-imagery"),
        "ads": term(DataSource, "Social media advertising", slug="social-media-advertising"),
        "now": term(ValueProposition, "Nowcasting", slug="nowcasting"),
        "sit": term(ValueProposition, "Situational analysis", slug="situational-analysis"),
        "pub": term(CollaborativeType, "Data pooling", slug="data-pooling"),
        "api": term(CollaborativeType, "Public APIs", slug="public-apis"),
        "dis": term(Topic, "Disaster displacement", slug="disaster-displacement"),
        "lac": term(Region, "Latin America and Caribbean", slug="latin-america-caribbean"),
        "sas": term(Region, "South Asia", slug="south-asia"),
    }
    index = tree["directory_index"]
    v = vocab
    entries = {
        "haiti": entry_page(
            index,
            title="Haiti earthquake displacement",
            summary="Operator data after the earthquake.",
            year_started=2010,
            data_sources=[v["cdr"]],
            value_propositions=[v["sit"]],
            collaborative_type=v["pub"],
            topics=[v["dis"]],
            regions=[v["lac"]],
            countries=["HT"],
        ),
        "nepal": entry_page(
            index,
            title="Nepal earthquake mobility",
            summary="Operator data in Nepal.",
            year_started=2015,
            data_sources=[v["cdr"]],
            value_propositions=[v["sit"], v["now"]],
            collaborative_type=v["pub"],
            topics=[v["dis"]],
            regions=[v["sas"]],
            countries=["NP"],
        ),
        "rohingya": entry_page(
            index,
            title="Camps in Cox's Bazar from space",
            summary="Satellite imagery of camps.",
            year_started=2017,
            data_sources=[v["sat"]],
            value_propositions=[v["sit"]],
            collaborative_type=v["api"],
            regions=[v["sas"]],
            countries=["BD", "MM"],
        ),
        "venezuela": entry_page(
            index,
            title="Venezuelan migrants through advertising data",
            summary="Advertising audiences nowcast migrant stocks.",
            year_started=2018,
            data_sources=[v["ads"]],
            value_propositions=[v["now"]],
            collaborative_type=v["api"],
            regions=[v["lac"]],
            countries=["VE", "CO"],
        ),
    }
    return {"tree": tree, "vocab": vocab, "entries": entries, "index": index}


def listing(client, **params):
    response = client.get("/directory/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return card_titles(soup_of(response))


def facet(response, param):
    [found] = [f for f in response.context["listing"].facets if f.param == param]
    return {option.value: (option.count, option.selected) for option in found.options}


def test_unfiltered_directory_lists_every_entry_newest_first(client, directory):
    e = directory["entries"]
    assert titles(listing(client)) == [e[k].title for k in ("venezuela", "rohingya", "nepal", "haiti")]


def test_each_filter_narrows_the_entries(client, directory):
    e = directory["entries"]
    cases = [
        ({"data_source": "mobile-phone-cdr"}, {"haiti", "nepal"}),
        ({"value": "nowcasting"}, {"nepal", "venezuela"}),
        ({"type": "public-apis"}, {"rohingya", "venezuela"}),
        ({"topic": "disaster-displacement"}, {"haiti", "nepal"}),
        ({"region": "south-asia"}, {"nepal", "rohingya"}),
        ({"country": "CO"}, {"venezuela"}),
        ({"country": "bd"}, {"rohingya"}),
        ({"year": "2015"}, {"nepal"}),
    ]
    for params, expected in cases:
        assert set(titles(listing(client, **params))) == {e[k].title for k in expected}, params


def test_filters_combine_and_values_of_one_filter_are_alternatives(client, directory):
    e = directory["entries"]
    response = client.get("/directory/?data_source=mobile-phone-cdr&region=south-asia")
    assert titles(response) == [e["nepal"].title]
    response = client.get("/directory/?data_source=mobile-phone-cdr&data_source=satellite-imagery&region=south-asia")
    assert set(titles(response)) == {e["nepal"].title, e["rohingya"].title}
    response = client.get("/directory/?year=2010&year=2018")
    assert set(titles(response)) == {e["haiti"].title, e["venezuela"].title}


def test_filters_combine_with_a_text_query(client, directory):
    e = directory["entries"]
    assert set(titles(listing(client, q="earthquake"))) == {e["haiti"].title, e["nepal"].title}
    assert titles(listing(client, q="earthquake", region="south-asia")) == [e["nepal"].title]
    assert titles(listing(client, q="earthquakes", country="HT")) == [e["haiti"].title]


def test_facet_counts_say_how_many_entries_each_value_would_give(client, directory):
    response = listing(client)
    assert facet(response, "data_source") == {
        "mobile-phone-cdr": (2, False),
        "satellite-imagery": (1, False),
        "social-media-advertising": (1, False),
    }
    assert facet(response, "year") == {"2018": (1, False), "2017": (1, False), "2015": (1, False), "2010": (1, False)}
    assert facet(response, "country")["CO"] == (1, False)

    response = listing(client, region="south-asia")
    # Counts of other filters apply the region; the region's own counts ignore it,
    # so a visitor can see what choosing another region would give.
    assert facet(response, "data_source") == {"mobile-phone-cdr": (1, False), "satellite-imagery": (1, False)}
    assert facet(response, "region") == {"latin-america-caribbean": (2, False), "south-asia": (2, True)}
    assert facet(response, "value") == {"situational-analysis": (2, False), "nowcasting": (1, False)}


def test_facet_values_with_no_entries_are_hidden_unless_selected(client, directory):
    response = listing(client, q="camps")
    assert set(facet(response, "data_source")) == {"satellite-imagery"}
    response = listing(client, q="camps", data_source="mobile-phone-cdr")
    assert facet(response, "data_source")["mobile-phone-cdr"] == (0, True)
    assert titles(response) == []


def test_sort_by_title_newest_and_relevance(client, directory):
    e = directory["entries"]
    by_title = titles(listing(client, sort="title"))
    assert by_title == sorted(by_title)
    assert titles(listing(client, sort="newest"))[0] == e["venezuela"].title
    relevant = titles(listing(client, q="Nepal earthquake", sort="relevance"))
    assert relevant[0] == e["nepal"].title


def test_pagination_keeps_filters_in_shareable_urls(client, directory):
    index = directory["index"]
    for number in range(25):
        entry_page(index, title=f"Drought entry {number:02d}", summary="Drought.", year_started=2020, countries=["KE"])
    response = listing(client, country="KE", sort="title")
    page = response.context["entries_page"]
    assert page.paginator.count == 25 and len(page.object_list) == 20
    second = listing(client, country="KE", sort="title", page=2)
    assert titles(second) == ["Drought entry 20", *[f"Drought entry {n}" for n in range(21, 25)]]
    querystring = response.context["listing"].querystring(page=2)
    assert dict(parse_qsl(querystring)) == {"country": "KE", "sort": "title", "page": "2"}
    # The shared URL gives the same page.
    again = client.get(f"/directory/?{querystring}")
    assert titles(again) == titles(second)


def test_toggle_links_add_and_remove_a_value(client, directory):
    current = listing(client, data_source="mobile-phone-cdr").context["listing"]
    assert dict(parse_qsl(current.toggle_querystring("data_source", "mobile-phone-cdr"))) == {}
    added = parse_qsl(current.toggle_querystring("data_source", "satellite-imagery"))
    assert sorted(added) == [("data_source", "mobile-phone-cdr"), ("data_source", "satellite-imagery")]


def test_a_newly_published_entry_appears_at_once(client, directory):
    before = listing(client, data_source="satellite-imagery").context["entries_page"].paginator.count
    entry_page(directory["index"], title="New satellite entry", data_sources=[directory["vocab"]["sat"]])
    after = listing(client, data_source="satellite-imagery").context["entries_page"].paginator.count
    assert after == before + 1


def test_an_unpublished_entry_leaves_listing_and_counts(client, directory):
    listing(client)
    directory["entries"]["haiti"].unpublish()
    response = listing(client)
    assert directory["entries"]["haiti"].title not in titles(response)
    assert facet(response, "data_source")["mobile-phone-cdr"] == (1, False)
