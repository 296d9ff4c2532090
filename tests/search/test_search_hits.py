"""Searches served from the page cache are counted exactly, without a database
write per request: one increment in the cache, written to Wagtail's search
queries when a search renders, when a batch is full, or by a command
(home/caching/search_hits.py)."""

import datetime
import uuid

from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

import pytest
import redis

from home.caching import search_hits
from tests.factories import entry_page
from tests.test_cache_failsafe import RedisServer, redis_caches_on

pytestmark = pytest.mark.django_db


def hits(query_string):
    query = Query.objects.filter(query_string=query_string).first()
    return query.hits if query else 0


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    # Nothing another test of this process left waiting is written into this one.
    search_hits._process_counts.take()
    yield
    search_hits._process_counts.take()


@pytest.fixture
def entry(site_tree):
    return entry_page(site_tree["directory_index"], title="Satellite imagery of camps", slug="camps")


def test_a_repeated_cached_search_is_counted_exactly_without_writing(client, entry, django_assert_num_queries):
    assert client.get("/search/?q=camps")["X-Page-Cache"] == "miss"
    assert hits("camps") == 1
    for _ in range(5):
        with django_assert_num_queries(0):
            response = client.get("/search/?q=camps")
        assert response["X-Page-Cache"] == "hit"
        assert "Satellite imagery of camps" in response.content.decode()
    assert hits("camps") == 1
    assert search_hits.flush() == 5
    assert hits("camps") == 6
    assert search_hits.flush() == 0
    assert hits("camps") == 6


def test_the_next_rendered_search_writes_the_waiting_hits(client, entry):
    client.get("/search/?q=camps")
    for _ in range(3):
        client.get("/search/?q=CAMPS")  # another page-cache entry, the same query
        client.get("/search/?q=camps")
    assert hits("camps") == 2
    client.get("/search/?q=imagery")
    assert hits("camps") == 7
    assert hits("imagery") == 1
    # On today's row, as Wagtail's add_hit() counts them.
    assert QueryDailyHits.objects.get(query__query_string="camps").date == timezone.now().date()


def test_a_full_batch_is_written_by_the_request_that_fills_it(client, entry, settings, django_assert_num_queries):
    settings.HUB_SEARCH_HITS_BATCH = 3
    client.get("/search/?q=camps")
    for _ in range(2):
        with django_assert_num_queries(0):
            client.get("/search/?q=camps")
    assert hits("camps") == 1
    assert client.get("/search/?q=camps")["X-Page-Cache"] == "hit"
    assert hits("camps") == 4


@pytest.mark.parametrize("command", ["flush_search_hits", "publish_scheduled"])
def test_the_commands_write_the_waiting_hits(client, entry, command):
    client.get("/search/?q=camps")
    client.get("/search/?q=camps")
    client.get("/search/?q=camps")
    assert hits("camps") == 1
    call_command(command, verbosity=0)
    assert hits("camps") == 3


def test_hits_are_added_to_the_day_they_were_counted_on(entry):
    yesterday = timezone.now().date() - datetime.timedelta(days=1)
    query = Query.get("camps")
    QueryDailyHits.objects.create(query=query, date=yesterday, hits=4)
    search_hits.flush(also={search_hits._field("Camps", yesterday): 2, search_hits._field("camps"): 1})
    assert QueryDailyHits.objects.get(query=query, date=yesterday).hits == 6
    assert QueryDailyHits.objects.get(query=query, date=timezone.now().date()).hits == 1


def test_no_cache_in_front_keeps_a_search(client, entry):
    for expected in ("miss", "hit"):
        response = client.get("/search/?q=camps")
        assert response["X-Page-Cache"] == expected
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    # The form counts nothing and stays public.
    assert "public" in client.get("/search/")["Cache-Control"]
    search_hits.flush()
    assert hits("camps") == 2


def test_a_signed_in_search_is_counted_and_not_cached(admin_client, entry):
    for _ in range(2):
        response = admin_client.get("/search/?q=camps")
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
    assert hits("camps") == 2


@pytest.fixture
def redis_caches(settings):
    server = RedisServer()
    server.start()
    server.prefix = f"hub-hits-{uuid.uuid4().hex[:8]}"
    settings.CACHES = redis_caches_on(server, server.prefix)
    yield server
    server.stop()


def test_with_redis_the_hits_wait_in_one_shared_hash(client, entry, redis_caches, django_assert_num_queries):
    client.get("/search/?q=camps")
    for _ in range(4):
        with django_assert_num_queries(0):
            assert client.get("/search/?q=camps")["X-Page-Cache"] == "hit"
    # Any process (the command below, another worker) sees them in Redis.
    waiting = redis.Redis(port=redis_caches.port).hgetall(f"{redis_caches.prefix}:1:hub:search-hits")
    assert waiting == {f"{timezone.now().date().isoformat()} camps".encode(): b"4"}
    assert hits("camps") == 1
    call_command("flush_search_hits", verbosity=0)
    assert hits("camps") == 5
    assert not redis.Redis(port=redis_caches.port).keys("*search-hits*")


def test_with_redis_down_every_search_is_still_counted(client, entry, redis_caches):
    client.get("/search/?q=camps")
    client.get("/search/?q=camps")
    redis_caches.stop()
    # The page cache is off while the cache is down: each search renders and
    # writes its own hit; the one waiting in Redis went with it.
    for _ in range(3):
        response = client.get("/search/?q=camps")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert hits("camps") == 4
