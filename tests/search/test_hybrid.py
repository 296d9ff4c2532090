"""Hybrid ranking on the pages a visitor sees: an entry found by its meaning alone
is listed, counted in the facets, exported and paged like any other, and a query
in another language says it was matched across languages."""

import csv
import io

from django.core.cache import caches
from django.core.management import call_command

import pytest

from directory.models import DataSource, DirectoryIndexPage
from home.search_query import search_ranking
from home.semantic import engine
from tests.factories import entry_page, news_page, term
from tests.shared_data import fresh, rolled_back

pytestmark = pytest.mark.django_db

# The entry only its meaning finds: none of its words is in MEANING_QUERY.
CAMPS = {
    "title": "Counting tents from above",
    "slug": "tents-from-above",
    "summary": "High-resolution satellite pictures show how fast settlements of people fleeing war grow.",
}
MEANING_QUERY = "refugee camp expansion observed by orbiting cameras"
FRENCH_QUERY = "téléphones portables et déplacements après un séisme"
CROSS_LINGUAL_NOTE = "Your search was also matched across languages"


@pytest.fixture(scope="module")
def tree_ids(module_site_tree, django_db_blocker):
    """Entries on different subjects with their vectors, built once for the module."""
    with rolled_back(django_db_blocker):
        tree = fresh(module_site_tree)
        satellite = term(DataSource, "Satellite imagery", slug="satellite-imagery")
        phones = term(DataSource, "Mobile phone records", slug="mobile-phone-cdr")
        index = tree["directory_index"]
        entry_page(index, data_sources=[satellite], countries=["BD"], year_started=2018, **CAMPS)
        entry_page(
            index,
            title="Operator records after the Haiti earthquake",
            slug="haiti-operator-records",
            summary="Call detail records of a mobile network traced where people went after the 2010 earthquake.",
            data_sources=[phones],
            countries=["HT"],
            year_started=2010,
        )
        entry_page(
            index,
            title="Online searches and asylum applications",
            slug="searches-asylum",
            summary="Search engine queries anticipated asylum applications in Europe by several weeks.",
            year_started=2023,
        )
        entry_page(
            index,
            title="Professional networks and skilled migration",
            slug="professional-networks",
            summary="Profiles on a professional network measure where graduates move for work.",
            year_started=2014,
        )
        for number in range(4):
            entry_page(
                index,
                title=f"Camp shelters survey {number}",
                slug=f"camp-shelters-{number}",
                summary="A survey of shelters in a camp, counted on the ground by volunteers.",
                year_started=2015 + number,
            )
        news_page(tree["news_index"], title="Tents and camps in the news", slug="tents-news")
        call_command("embed_pages", stdout=io.StringIO())
        yield module_site_tree


@pytest.fixture
def tree(tree_ids):
    # Each test starts from cold caches: rankings and query vectors are computed here.
    for cache in caches.all():
        cache.clear()
    return fresh(tree_ids)


def slugs(ids):
    from wagtail.models import Page

    by_id = dict(Page.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [by_id[pk] for pk in ids]


def test_the_entry_found_by_meaning_alone_is_listed_counted_and_exported(client, tree):
    index = tree["directory_index"]
    ranking = search_ranking(index.get_entries(), MEANING_QUERY)
    assert ranking.semantic
    assert slugs(ranking.ids)[0] == "tents-from-above"
    assert any(slug == "tents-from-above" for slug in slugs(ranking.semantic_only))

    response = client.get(index.url, {"q": MEANING_QUERY})
    assert response.status_code == 200
    html = response.content.decode()
    assert CAMPS["title"] in html
    # Its data source is counted in the facet panel, with the searched results only.
    assert 'value="satellite-imagery"' in html
    satellite = html.split('value="satellite-imagery"', 1)[1].split("</li>", 1)[0]
    assert '<span class="facet__count">(1)</span>' in satellite

    export = client.get("/directory/export.csv", {"q": MEANING_QUERY})
    assert export.status_code == 200
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    exported = [row["slug"] for row in rows]
    assert exported[0] == "tents-from-above"
    listed = [slug for slug in slugs(ranking.ids)]
    assert exported == listed


def test_filters_sorting_and_pages_apply_to_the_fused_results(client, tree, monkeypatch):
    index = tree["directory_index"]
    fused = slugs(search_ranking(index.get_entries(), MEANING_QUERY).ids)
    assert len(fused) >= 3

    filtered = client.get(index.url, {"q": MEANING_QUERY, "data_source": "satellite-imagery"})
    assert filtered.status_code == 200
    assert CAMPS["title"] in filtered.content.decode()
    assert "Operator records after the Haiti earthquake" not in filtered.content.decode()
    assert "1 entry" in filtered.content.decode()

    by_title = client.get(index.url, {"q": MEANING_QUERY, "sort": "title"}).content.decode()
    assert f"{len(fused)} entries" in by_title
    titles = [title for title in ("Camp shelters survey 0", "Counting tents from above") if title in by_title]
    if len(titles) == 2:
        assert by_title.index("Camp shelters survey 0") < by_title.index("Counting tents from above")

    monkeypatch.setattr(DirectoryIndexPage, "per_page", 2)
    first = client.get(index.url, {"q": MEANING_QUERY}).content.decode()
    second = client.get(index.url, {"q": MEANING_QUERY, "page": 2}).content.decode()
    assert CAMPS["title"] in first and CAMPS["title"] not in second
    assert f"{len(search_ranking(index.get_entries(), MEANING_QUERY).ids)} entries" in second


def test_a_french_query_finds_the_english_entry_and_says_it_was_matched_across_languages(client, tree):
    index = tree["directory_index"]
    ranking = search_ranking(index.get_entries(), FRENCH_QUERY)
    assert ranking.language == "fr" and ranking.cross_lingual
    assert slugs(ranking.ids)[0] == "haiti-operator-records"

    directory = client.get(index.url, {"q": FRENCH_QUERY}).content.decode()
    assert "Operator records after the Haiti earthquake" in directory
    assert CROSS_LINGUAL_NOTE in directory
    # Another URL of the same listing (page cache missed, listing cache hit) still says so.
    again = client.get(index.url, {"q": FRENCH_QUERY, "sort": "relevance"}).content.decode()
    assert CROSS_LINGUAL_NOTE in again
    site_search = client.get("/search/", {"q": FRENCH_QUERY}).content.decode()
    assert "Operator records after the Haiti earthquake" in site_search
    assert CROSS_LINGUAL_NOTE in site_search


def test_an_english_query_says_nothing_about_languages(client, tree):
    index = tree["directory_index"]
    html = client.get(index.url, {"q": "mobile phone records haiti"}).content.decode()
    assert "Operator records after the Haiti earthquake" in html
    assert CROSS_LINGUAL_NOTE not in html
    assert CROSS_LINGUAL_NOTE not in client.get("/search/", {"q": MEANING_QUERY}).content.decode()


def test_site_search_puts_promotions_first_and_fuses_the_rest(client, tree, editor):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Page

    news = Page.objects.get(slug="tents-news")
    query = Query.get(MEANING_QUERY)
    SearchPromotion.objects.create(query=query, page=news, sort_order=0, description="Promoted for every reader.")
    response = client.get("/search/", {"q": MEANING_QUERY})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Promoted for every reader." in html
    assert html.index("Promoted for every reader.") < html.index(CAMPS["title"])
    # The promoted page is not listed a second time among the results.
    assert html.count('href="/news/tents-news/"') == 1


def test_nonsense_finds_nothing(client, tree):
    index = tree["directory_index"]
    assert search_ranking(index.get_entries(), "xyzzy").ids == []
    html = client.get(index.url, {"q": "xyzzy"}).content.decode()
    assert "No entries match your search" in html
    assert engine.available()
