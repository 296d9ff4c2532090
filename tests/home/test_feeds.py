"""RSS and Atom feeds of the news, parsed as a feed reader would."""

import datetime
import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from home.models import Topic
from tests.factories import build_site, news_page, term
from tests.html import card_titles, soup_of

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news():
    tree = build_site()
    index = tree["news_index"]
    topic = term(Topic, "Disaster displacement")
    return {
        "old": news_page(index, title="Older news", date=datetime.date(2023, 1, 1), intro="Old <summary> & more."),
        "new": news_page(index, title="Newer news", date=datetime.date(2024, 6, 1), topics=[topic]),
        "hidden": PageViewRestriction.objects.create(
            page=news_page(index, title="Members-only news", date=datetime.date(2024, 7, 1)),
            restriction_type="login",
        ).page,
        "topic": topic,
    }


def test_rss_feed_lists_public_news_newest_first(client, news):
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer news", "Older news"]
    assert items[1].findtext("description") == "Old <summary> & more."
    link = items[0].findtext("link")
    assert link.startswith("http://") and link.endswith(f"/news/{news['new'].slug}/")
    assert "Members-only" not in response.content.decode()


def test_atom_feed_lists_public_news(client, news):
    response = client.get("/news/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Newer news", "Older news"]
    assert all(entry.findtext(f"{ATOM}id") for entry in entries)
    assert "Members-only" not in response.content.decode()


def test_news_listing_filters_by_topic_and_ignores_unknown_topics(client, news):
    response = client.get("/news/", {"topic": news["topic"].slug})
    assert card_titles(soup_of(response)) == ["Newer news"]
    response = client.get("/news/", {"topic": "no-such-topic\x00"})
    assert card_titles(soup_of(response)) == ["Newer news", "Older news"]
    assert response.context["topics"] == [news["topic"]]
