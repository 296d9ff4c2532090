"""The Atom feed of new and updated directory entries, read by feedparser."""

import feedparser
import pytest

from tests.directory.conftest import SECRETS

pytestmark = pytest.mark.django_db


def test_atom_feed_lists_public_entries_newest_first(client, open_data):
    haiti = open_data["directory_index"].get_children().get(slug="haiti").specific
    haiti.summary = "Updated summary."
    haiti.save_revision().publish()

    response = client.get("/directory/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.version == "atom10" and not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Haiti earthquake & displacement", "Camps from space"]
    assert feed.entries[0].summary == "Updated summary."
    assert feed.entries[0].link.endswith("/directory/haiti/")
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body


def test_directory_page_announces_its_feed(client, open_data):
    page = client.get("/directory/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/directory/atom/"' in page
