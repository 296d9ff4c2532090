"""The home page's key figures and data-source entry points: counts that equal
the database, links to the pages that list them, computed once per content version."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from directory.models import DataSource, DirectoryEntryPage, EntryCountry, MemberPage, PriorityQuestion
from tests.factories import build_site, entry_page, member_page, term
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_site():
    tree = build_site()
    cdr = term(DataSource, "Mobile phone records", slug="mobile-phone-cdr")
    sat = term(DataSource, "Satellite imagery", slug="satellite-imagery")
    term(DataSource, "Unused source", slug="unused-source")
    index = tree["directory_index"]
    entry_page(index, title="Haiti", countries=["HT"], data_sources=[cdr])
    entry_page(index, title="Nepal", countries=["NP", "HT"], data_sources=[cdr, sat])
    entry_page(index, title="Worldwide", data_sources=[sat])
    entry_page(index, title="Draft", countries=["FR"], data_sources=[sat]).unpublish()
    member_page(tree["member_index"], title="Flowminder")
    member_page(tree["member_index"], title="GovLab")
    for number in range(3):
        PriorityQuestion.objects.create(question=f"Question {number}?", slug=f"q{number}", locale=tree["home"].locale)
    return tree


def figures(client):
    soup = soup_of(client.get("/"))
    return {
        item.select_one(".key-figure__label").get_text(strip=True): (
            int(item.select_one(".key-figure__count").get_text(strip=True)),
            item.find("a")["href"],
        )
        for item in soup.select(".key-figure")
    }


def test_the_figures_equal_the_live_content_and_link_to_their_listings(client, home_site):
    live = DirectoryEntryPage.objects.live().public()
    countries = EntryCountry.objects.filter(page__in=live).values("country").distinct().count()
    assert figures(client) == {
        "directory entries": (live.count(), "/directory/"),
        "countries": (countries, "/directory/"),
        "data sources": (2, "#data-sources"),
        "members": (MemberPage.objects.live().count(), "/members/"),
        "priority questions": (PriorityQuestion.objects.count(), "/questions/"),
    }
    assert (live.count(), countries) == (3, 2)


def test_each_data_source_in_use_is_an_entry_point_to_the_filtered_directory(client, home_site):
    soup = soup_of(client.get("/"))
    section = soup.select_one("#data-sources")
    links = {
        link.select_one(".data-source-link__name").get_text(strip=True): (
            link["href"],
            link.select_one(".data-source-link__count").get_text(strip=True),
        )
        for link in section.select("a.data-source-link")
    }
    assert links == {
        "Satellite imagery": ("/directory/?data_source=satellite-imagery", "2 entries"),
        "Mobile phone records": ("/directory/?data_source=mobile-phone-cdr", "2 entries"),
    }
    for link in section.select("a.data-source-link"):
        icon = link.find("svg")
        assert icon["aria-hidden"] == "true"
        assert icon.find("use")["href"].startswith("/static/img/data-sources.svg#ds-")
    nepal = soup_of(client.get("/directory/?data_source=satellite-imagery"))
    assert sorted(title.get_text(strip=True) for title in nepal.select(".card__title")) == ["Nepal", "Worldwide"]


def test_the_figures_follow_a_publish(client, home_site):
    assert figures(client)["directory entries"][0] == 3
    entry_page(home_site["directory_index"], title="Another", countries=["KE"])
    assert figures(client)["directory entries"][0] == 4
    assert figures(client)["countries"][0] == 3


def test_the_figures_are_counted_once_per_content_version(client, home_site):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    counted = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counted == []


def test_a_home_page_without_content_shows_no_empty_sections(client):
    build_site()
    soup = soup_of(client.get("/"))
    assert soup.select_one("#data-sources") is None
    assert [count.get_text(strip=True) for count in soup.select(".key-figure__count")] == ["0", "0", "0", "0", "0"]
