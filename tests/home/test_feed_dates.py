"""The RSS and Atom feeds and the news JSON-LD give each item its own date, not the
moment its page was loaded, and call it updated only after a real edit
(issue 9, item 9). Parsed with feedparser, as a feed reader would."""

import datetime
import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from home.models import NewsPage
from tests.factories import build_site, news_page

pytestmark = pytest.mark.django_db

DATES = {
    "Alliance launched": datetime.date(2018, 6, 25),
    "Hub launched": datetime.date(2020, 6, 2),
    "Call to action": datetime.date(2021, 3, 14),
}


def midnight_utc(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def as_utc(struct):
    return datetime.datetime(*struct[:6], tzinfo=datetime.UTC)


@pytest.fixture
def news():
    """Three news items published in one go, as loading the demo content does."""
    index = build_site()["news_index"]
    pages = {}
    for title, day in DATES.items():
        page = news_page(index, title=title, date=day)
        page.save_revision().publish()
        pages[title] = NewsPage.objects.get(pk=page.pk)
    return pages


def test_rss_items_are_dated_by_their_own_date(client, news):
    feed = feedparser.parse(client.get("/news/feed/").content)

    assert not feed.bozo, feed.bozo_exception
    published = {entry.title: as_utc(entry.published_parsed) for entry in feed.entries}
    assert published == {title: midnight_utc(day) for title, day in DATES.items()}
    load_time = news["Hub launched"].first_published_at
    assert all(abs(value - load_time) > datetime.timedelta(days=1) for value in published.values())


def test_atom_entries_are_published_and_updated_on_their_own_date(client, news):
    feed = feedparser.parse(client.get("/news/atom/").content)

    assert not feed.bozo, feed.bozo_exception
    entries = {entry.title: entry for entry in feed.entries}
    for title, day in DATES.items():
        assert as_utc(entries[title].published_parsed) == midnight_utc(day)
        assert as_utc(entries[title].updated_parsed) == midnight_utc(day)
    assert as_utc(feed.feed.updated_parsed) == midnight_utc(DATES["Call to action"])  # the newest item's date


def test_an_item_edited_after_publication_is_updated_at_its_edit(client, news):
    page = news["Alliance launched"]
    page.intro = "Corrected summary."
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.last_published_at > page.first_published_at

    feed = feedparser.parse(client.get("/news/atom/").content)

    entry = next(entry for entry in feed.entries if entry.title == "Alliance launched")
    assert as_utc(entry.published_parsed) == midnight_utc(DATES["Alliance launched"])
    assert as_utc(entry.updated_parsed) == page.last_published_at.replace(microsecond=0)
    other = next(entry for entry in feed.entries if entry.title == "Hub launched")
    assert as_utc(other.updated_parsed) == midnight_utc(DATES["Hub launched"])


def json_ld(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string), soup


def test_news_json_ld_uses_the_item_date(client, news):
    data, soup = json_ld(client, news["Hub launched"])

    assert data["datePublished"] == "2020-06-02"
    assert data["dateModified"] == "2020-06-02"
    assert soup.find("meta", property="article:published_time")["content"].startswith("2020-06-02T00:00:00")


def test_news_json_ld_gives_a_month_when_only_the_month_is_known(client, news):
    page = news["Call to action"]
    page.date, page.date_precision = datetime.date(2021, 3, 1), "month"
    page.save_revision().publish()
    page.refresh_from_db()

    data, _soup = json_ld(client, page)

    assert data["datePublished"] == "2021-03"
    assert data["dateModified"] == page.last_published_at.isoformat()  # a real edit, after its publication
