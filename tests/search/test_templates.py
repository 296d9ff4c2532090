"""The search page's template: the form, results, empty states and pagination."""

import pytest

from tests.factories import entry_page, news_page
from tests.html import assert_sound_page, result_titles, soup_of


@pytest.mark.django_db
def test_search_page_without_a_query_shows_only_the_form(client, site_tree):
    soup = assert_sound_page(soup_of(client.get("/search/")))

    assert soup.h1.get_text() == "Search"
    form = soup.find("main").find("form", attrs={"role": "search"})
    assert form["method"] == "get"
    assert form.find("input", attrs={"name": "q"})["value"] == ""
    assert [option["value"] for option in form.find("select", attrs={"name": "type"}).find_all("option")] == [
        "",
        "entry",
        "news",
        "event",
        "member",
        "page",
    ]
    assert not result_titles(soup)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    trail = soup.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert trail.find(attrs={"aria-current": "page"}).get_text() == "Search"


@pytest.mark.django_db
def test_search_results_show_title_type_and_summary(client, site_tree):
    entry = entry_page(
        site_tree["directory_index"],
        title="Facebook advertising estimates of Venezuelan migrants",
        summary="Advertising audience counts tracked migration from Venezuela.",
    )

    soup = assert_sound_page(soup_of(client.get("/search/?q=Venezuelan")))

    assert soup.find("input", id="search-q")["value"] == "Venezuelan"
    assert "1 result for “Venezuelan”" in soup.find(id="results-heading").get_text()
    result = soup.find("li", class_="result")
    assert result.find("a")["href"] == entry.url
    assert result.find("a").get_text() == "Facebook advertising estimates of Venezuelan migrants"
    assert "Directory entry" in result.find(class_="result__type").get_text()
    assert "Advertising audience counts" in result.get_text()


@pytest.mark.django_db
def test_search_without_results_shows_empty_state(client, site_tree):
    news_page(site_tree["news_index"], title="Something unrelated")

    soup = assert_sound_page(soup_of(client.get("/search/?q=xylophonequartz")))

    assert not result_titles(soup)
    empty = soup.find(class_="empty-state")
    assert "No results" in empty.get_text()
    assert empty.find("a")["href"] == "/directory/"


@pytest.mark.django_db
def test_search_pagination_keeps_query_and_type(client, site_tree):
    for number in range(12):
        news_page(site_tree["news_index"], title=f"Remittances report {number}", intro="About remittances.")
    entry_page(site_tree["directory_index"], title="Remittances entry", summary="About remittances.")

    soup = assert_sound_page(soup_of(client.get("/search/?q=remittances&type=news")))

    assert len(result_titles(soup)) == 10
    assert "Remittances entry" not in result_titles(soup)
    assert soup.find("select", attrs={"name": "type"}).find("option", selected=True)["value"] == "news"
    next_link = soup.find("nav", class_="pagination").find("a", rel="next")
    assert next_link["href"] == "?q=remittances&type=news&page=2"
    soup = soup_of(client.get("/search/" + next_link["href"]))
    assert len(result_titles(soup)) == 2
    assert soup.find("ol", class_="results")["start"] == "11"
