"""The caches as production runs them, on a real Redis: whole pages, cards and
fragments are stored, shared and dropped when content changes."""

import uuid

import pytest
import redis

from directory.models import DataSource
from tests.factories import entry_page, make_image, term

pytestmark = pytest.mark.django_db
REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture(autouse=True)
def _redis_caches(settings):
    prefix = f"hub-test-{uuid.uuid4().hex[:8]}"
    # The same two aliases and backend hub.settings.base builds from REDIS_URL;
    # Django's setting_changed handler rebuilds the connections.
    settings.CACHES = {
        alias: {
            "BACKEND": "home.caching.backends.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": key_prefix,
        }
        for alias, key_prefix in (("default", prefix), ("pages", f"{prefix}-pages"))
    }
    settings.HUB_PAGE_CACHE_SECONDS = 600
    yield
    server = redis.Redis.from_url(REDIS_URL)
    keys = list(server.scan_iter(match=f"{prefix}*"))
    if keys:
        server.delete(*keys)


@pytest.fixture
def entry(site_tree):
    source = term(DataSource, "Satellite imagery")
    return entry_page(
        site_tree["directory_index"],
        title="Camps from space",
        slug="camps",
        data_sources=[source],
        image=make_image(description="A camp seen from above"),
    )


def test_pages_cards_and_fragments_round_trip_through_redis(client, entry, django_assert_num_queries):
    first = client.get("/directory/?data_source=satellite-imagery")
    assert first["X-Page-Cache"] == "miss"
    assert "Camps from space" in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get("/directory/?data_source=satellite-imagery")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # A page the page cache has not seen is built from the cached card and fragments.
    other = client.get("/directory/?data_source=satellite-imagery&sort=title").content.decode()
    assert 'alt="A camp seen from above"' in other


def test_a_publish_empties_the_shared_caches(client, entry):
    client.get("/directory/")
    client.get("/directory/camps/")
    entry.title = "Tents counted from space"
    entry.save_revision().publish()
    assert "Tents counted from space" in client.get("/directory/").content.decode()
    assert '<h1 dir="auto">Tents counted from space</h1>' in client.get("/directory/camps/").content.decode()
