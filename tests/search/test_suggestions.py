"""Suggestions from the vocabularies as the visitor types, with no script: a <datalist>
of the data sources, methods, topics and countries on the directory's and the site's
search forms; choosing one searches for it."""

import pytest

from directory.models import DataSource, Method
from home.models import Topic
from tests.factories import build_site, entry_page, term
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    tree = build_site()
    tree["cdr"] = term(DataSource, "Mobile phone network data (CDR)", slug="cdr")
    term(Method, "Nowcasting")
    term(Topic, "Disaster displacement")
    term(DataSource, "<b>Hostile</b> name", slug="hostile")
    directory = tree["directory_index"]
    tree["with_cdr"] = entry_page(
        directory, title="Tracking people after a storm", summary="Where people went.", data_sources=[tree["cdr"]]
    )
    tree["without"] = entry_page(directory, title="Counting camps from space", summary="Roofs.", countries=["HT"])
    # Published as an editor does: the search index then holds its data source's name.
    tree["with_cdr"].save_revision().publish()
    draft = entry_page(directory, title="A draft", countries=["NP"])
    draft.unpublish()
    return tree


FIELDS = {"directory-suggestions": "directory-q", "search-suggestions": "search-q"}


def suggestions(response, list_id):
    soup = soup_of(response)
    field = soup.find("input", id=FIELDS[list_id])
    assert field["list"] == list_id
    datalist = soup.find("datalist", id=list_id)
    return [option["value"] for option in datalist.find_all("option")]


@pytest.mark.parametrize(
    ("url", "list_id"), [("/directory/", "directory-suggestions"), ("/search/", "search-suggestions")]
)
def test_the_search_forms_suggest_the_vocabularies_and_countries(client, tree, url, list_id):
    names = suggestions(client.get(url), list_id)
    for name in ("Mobile phone network data (CDR)", "Disaster displacement", "Haiti"):
        assert name in names
    # The directory's own vocabularies; the site search's has every one, methods too.
    assert ("Nowcasting" in names) == (url == "/search/")
    # Countries of live entries only: the draft's is not offered.
    assert "Nepal" not in names
    assert names == sorted(names, key=str.lower)


def test_names_are_escaped(client, tree):
    response = client.get("/directory/")
    html = response.content.decode()
    assert "<b>Hostile</b>" not in html
    assert "<b>Hostile</b> name" in suggestions(response, "directory-suggestions")


def test_a_new_term_is_suggested_at_once(client, tree):
    assert "Satellite imagery" not in suggestions(client.get("/search/"), "search-suggestions")
    term(DataSource, "Satellite imagery")
    assert "Satellite imagery" in suggestions(client.get("/search/"), "search-suggestions")


def test_choosing_a_suggestion_searches_for_it(client, tree):
    response = client.get("/directory/", {"q": "Mobile phone network data (CDR)"})
    titles = [link.get_text(strip=True) for link in soup_of(response).select(".card__title a")]
    assert titles[0] == tree["with_cdr"].title
    assert tree["without"].title not in titles
