"""Whatever a visitor or a robot puts in the URL, the hub answers without a
server error and never echoes markup back unescaped."""

import pytest

from directory.models import DataSource
from tests.factories import entry_page, event_page, member_page, news_page, term
from tests.shared_data import fresh, rolled_back

pytestmark = pytest.mark.django_db

LONG_QUERY = " ".join(f"word{n}" for n in range(1500))[:10_000]
BAD_QUERIES = [
    LONG_QUERY,
    "satellite\x00imagery",
    "\x00",
    '"unbalanced quote',
    "(unbalanced (parentheses",
    "))((",
    'title:"refugee camps"',
    "summary:satellite AND NOT",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "NEAR(a b) OR * ^ ~ -",
    "100% & 50%s %(name)s",
    "   ",
    "é" * 300,
    "\u202e\ufeffzero\u200bwidth",
]
BAD_PAGES = ["abc", "-1", "0", "999999", "1.5", "", "9" * 40, "<script>"]
MARKUP = ["<script>alert", "<img src=x", "onerror=alert(1)>"]


@pytest.fixture(scope="module")
def tree_ids(module_site_tree, django_db_blocker):
    """Three pages of each listing, built once for the module: no test here changes content."""
    with rolled_back(django_db_blocker):
        tree = fresh(module_site_tree)
        satellite = term(DataSource, "Satellite imagery")
        for number in range(3):
            entry_page(
                tree["directory_index"],
                title=f"Satellite study {number}",
                summary="Satellite imagery of refugee camps.",
                data_sources=[satellite],
                countries=["BD"],
                year_started=2015 + number,
            )
            news_page(tree["news_index"], title=f"News {number}")
            event_page(tree["event_index"], title=f"Event {number}")
            member_page(tree["member_index"], title=f"Member {number}", country="FR")
        yield module_site_tree


@pytest.fixture
def tree(tree_ids):
    return fresh(tree_ids)


def assert_safe(response):
    assert response.status_code < 500, response.status_code
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        body = response.content.decode()
        for markup in MARKUP:
            assert markup not in body


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_search_survives_any_query(client, tree, query):
    for path in ["/search/", "/directory/"]:
        for extra in [{}, {"page": "2"}, {"sort": "title"}]:
            response = client.get(path, {"q": query, **extra})
            assert response.status_code == 200, (path, query)
            assert_safe(response)


@pytest.mark.parametrize("query", BAD_QUERIES[:8])
def test_exports_and_api_survive_any_query(client, tree, query):
    for path in ["/directory/export.csv", "/directory/export.json"]:
        assert client.get(path, {"q": query}).status_code == 200
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code in {200, 400}


# Each listing and the name of its page of results in the template context.
LISTINGS = {
    "/search/?q=satellite&": "results_page",
    "/directory/?": "entries_page",
    "/members/?": "members_page",
    "/events/?": "events_page",
    "/events/?when=past&": "events_page",
    "/news/?": "news_page",
}
PAST_THE_END = {"999999", "9" * 40}


@pytest.fixture
def two_per_page(monkeypatch):
    """Two results a page, so the three of each listing make two pages."""
    from directory.models import DirectoryIndexPage, MemberIndexPage
    from events.models import EventIndexPage
    from home.models.news import NewsIndexPage

    for index in (DirectoryIndexPage, MemberIndexPage, EventIndexPage, NewsIndexPage):
        monkeypatch.setattr(index, "per_page", 2)
    monkeypatch.setattr("search.views.PER_PAGE", 2)


@pytest.mark.parametrize("page", BAD_PAGES)
def test_listings_survive_any_page_number(client, tree, two_per_page, page):
    """A page number past the end shows the last page, anything else that is not a page
    number the first (home/models/mixins.py paginate): never an error page."""
    for path, name in LISTINGS.items():
        response = client.get(f"{path}page={page}")
        assert response.status_code == 200, (path, page)
        assert_safe(response)
        shown = response.context[name]
        if path != "/events/?when=past&":  # no past events here: one empty page
            assert shown.paginator.num_pages == 2, path
        expected = shown.paginator.num_pages if page in PAST_THE_END else 1
        assert shown.number == expected, (path, page)


def test_out_of_range_page_shows_the_last_page(client, tree, two_per_page):
    response = client.get("/directory/", {"page": "999999"})
    assert response.status_code == 200
    page = response.context["entries_page"]
    assert (page.number, page.paginator.num_pages, len(page.object_list)) == (2, 2, 1)
    assert client.get("/directory/", {"page": "-1"}).context["entries_page"].number == 1


@pytest.mark.parametrize(
    "params",
    [
        {"data_source": "no-such-source"},
        {"value": "<script>alert(1)</script>"},
        {"type": "x" * 5000},
        {"topic": "\x00"},
        {"country": "ZZ"},
        {"country": "<b>"},
        {"region": "mars"},
        {"year": "abc"},
        {"year": "-2019"},
        {"year": "99999999999999999999"},
        {"sort": "'; DROP TABLE x"},
        {"sort": "-title"},
        {"when": "yesterday"},
        {"series": "<script>"},
        {"sector": "nope", "kind": "\x00", "country": "xx"},
        {"fields": "*", "limit": "abc", "offset": "-5", "order": "secret"},
    ],
)
def test_unknown_filter_values_are_ignored(client, tree, params):
    for path in ["/directory/", "/members/", "/events/", "/news/", "/search/", "/directory/export.csv"]:
        response = client.get(path, params)
        assert response.status_code == 200, (path, params)
        assert_safe(response)
    response = client.get("/api/v2/pages/", params)
    assert response.status_code in {200, 400}


def test_unknown_filter_value_does_not_empty_the_directory(client, tree):
    response = client.get("/directory/", {"data_source": "no-such-source", "country": "ZZ", "year": "abc"})
    assert response.context["entries_page"].paginator.count == 3
    assert not response.context["listing"].is_filtered


def test_repeated_parameters_are_bounded(client, tree):
    query = "&".join(f"data_source=s{n}&country=C{n % 99}" for n in range(2000))
    response = client.get(f"/directory/?{query}")
    assert response.status_code == 200
