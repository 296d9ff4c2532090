"""Similar entries at the foot of a directory entry: four, each with why, from shared
vocabularies and closeness in meaning, in a constant number of queries, and never
stale after a publish."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from directory.models import DataSource, DirectoryEntryPage, Method
from directory.similar import similar_entries
from home.caching import bump_content_version
from home.models import Topic
from home.semantic.indexing import embed_pages
from tests.factories import entry_page, term
from tests.html import soup_of

pytestmark = pytest.mark.django_db

EARTHQUAKE = (
    "Call detail records from the main mobile operator traced where people went after the earthquake "
    "struck the capital, and how many returned within months."
)


def embed(*pages):
    assert embed_pages(pages) is not None, "the embedding model must be installed for these tests"
    bump_content_version()


def similar_section(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    section = soup_of(response).find("section", class_="similar")
    if section is None:
        return []
    return [
        (item.find("h3").get_text(strip=True), item.find("p", class_="similar__why").get_text(strip=True))
        for item in section.find_all("li", class_="similar__item")
    ]


@pytest.fixture
def vocabulary(site_tree):
    return {
        "cdr": term(DataSource, "Mobile phone data", slug="mobile-phone-data"),
        "satellite": term(DataSource, "Satellite imagery", slug="satellite"),
        "disasters": term(Topic, "Disaster displacement", slug="disaster-displacement"),
        "nowcasting": term(Method, "Nowcasting", slug="nowcasting"),
        "directory": site_tree["directory_index"],
    }


def test_four_similar_entries_each_with_why(client, vocabulary):
    v = vocabulary
    directory = v["directory"]
    target = entry_page(
        directory,
        title="Displacement after the Haiti earthquake",
        summary=EARTHQUAKE,
        data_sources=[v["cdr"]],
        topics=[v["disasters"]],
        countries=["HT"],
    )
    both = entry_page(directory, title="Phones and Haiti", data_sources=[v["cdr"]], countries=["HT"])
    same_source = entry_page(directory, title="Phones in Ghana", data_sources=[v["cdr"]], countries=["GH"])
    same_country = entry_page(directory, title="Roofs of Haiti", data_sources=[v["satellite"]], countries=["HT"])
    same_topic = entry_page(directory, title="Floods in Pakistan", topics=[v["disasters"]], countries=["PK"])
    entry_page(directory, title="Only a method", methods=[v["nowcasting"]], countries=["FR"])
    draft = entry_page(directory, title="Unpublished twin", data_sources=[v["cdr"]], countries=["HT"])
    draft.unpublish()

    shown = similar_section(client, target)

    assert len(shown) == 4
    titles = [title for title, _why in shown]
    assert titles[0] == both.title
    assert set(titles) == {both.title, same_source.title, same_country.title, same_topic.title}
    why = dict(shown)
    assert why[both.title] == "Also uses mobile phone data · Also about Haiti"
    assert why[same_source.title] == "Also uses mobile phone data"
    assert why[same_country.title] == "Also about Haiti"
    assert why[same_topic.title] == "Also about disaster displacement"
    assert target.title not in titles and "Unpublished twin" not in titles
    # Rendered with the directory's card: a link to the entry's page.
    assert client.get(target.url).content.decode().count(f'href="{both.url}"') == 1
    # The same order every time.
    assert similar_section(client, target) == shown


def test_close_in_meaning_without_a_shared_term(client, vocabulary):
    directory = vocabulary["directory"]
    target = entry_page(directory, title="Displacement after the Haiti earthquake", summary=EARTHQUAKE)
    paraphrase = entry_page(
        directory,
        title="Where people fled after the quake in Port-au-Prince",
        summary="Anonymised phone network records showed the movements of residents in the weeks after "
        "the 2010 earthquake, and their return home.",
    )
    unrelated = entry_page(
        directory,
        title="A bakery's new croissant recipe",
        summary="Butter, flour and a long night of folding: the pastry chef explains the method.",
    )
    embed(target, paraphrase, unrelated)

    shown = dict(similar_section(client, target))

    assert shown == {paraphrase.title: "Close in meaning"}
    assert unrelated.title not in shown


def test_shared_vocabularies_alone_without_the_model(client, vocabulary, settings):
    directory = vocabulary["directory"]
    target = entry_page(
        directory, title="Displacement after the Haiti earthquake", summary=EARTHQUAKE, data_sources=[vocabulary["cdr"]]
    )
    paraphrase = entry_page(
        directory,
        title="Where people fled after the quake in Port-au-Prince",
        summary="Anonymised phone network records showed the movements of residents after the 2010 earthquake.",
    )
    same_source = entry_page(directory, title="Phones in Ghana", data_sources=[vocabulary["cdr"]])
    embed(target, paraphrase, same_source)
    settings.HUB_SEMANTIC_SEARCH = False
    bump_content_version()

    assert similar_section(client, target) == [(same_source.title, "Also uses mobile phone data")]


def test_an_entry_published_later_is_shown_at_once(client, vocabulary):
    """The similar entries sit inside the entry page's cached fragment: the publish
    moves the content version, so the fragment is drawn again with the new entry."""
    directory = vocabulary["directory"]
    target = entry_page(directory, title="Roofs of Haiti", data_sources=[vocabulary["satellite"]])
    assert similar_section(client, target) == []

    later = entry_page(directory, title="Camps seen from space", live=False, data_sources=[vocabulary["satellite"]])
    later.save_revision().publish()

    assert similar_section(client, target) == [(later.title, "Also uses satellite imagery")]


def build_directory(vocabulary, count):
    directory = vocabulary["directory"]
    entries = [
        entry_page(
            directory,
            title=f"Mobile phones and displacement {number}",
            summary=f"Entry number {number} about phones and displacement after disasters.",
            data_sources=[vocabulary["cdr"]],
            topics=[vocabulary["disasters"]],
            methods=[vocabulary["nowcasting"]],
            countries=["HT", "NP"],
        )
        for number in range(count)
    ]
    embed(*entries)
    return entries


def count_queries(entry):
    request = RequestFactory().get(entry.url)
    entry = DirectoryEntryPage.objects.get(pk=entry.pk)
    entry.relations  # noqa: B018 - the page's own prefetch, made by its template before the section
    with CaptureQueriesContext(connection) as cold:
        assert len(similar_entries(entry, request)) == 4
    with CaptureQueriesContext(connection) as warm:
        assert len(similar_entries(entry, request)) == 4
    return len(cold), len(warm)


def test_queries_do_not_grow_with_the_number_of_entries(vocabulary):
    small = count_queries(build_directory(vocabulary, 5)[0])
    large = count_queries(build_directory(vocabulary, 15)[0])

    assert small == large
    assert large[0] <= 15
    # Cached per content version: again, nothing is read from the database.
    assert large[1] == 0
