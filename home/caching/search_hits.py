"""Search hits counted in the cache and written to Wagtail's search queries in batches.

Editors see what visitors search for in Wagtail's search promotions (`Query`,
`QueryDailyHits`: one `add_hit()` per search). A search served from the page
cache never reaches the view, so the page-cache middleware (home.caching.pages)
counts it here instead: one atomic increment in the cache, no database write.
The waiting counts reach the database, added to the day they were counted on:

- whenever a search page is rendered (`record_hit`): that search's own hit and
  every waiting one, in one transaction (the render queries the database anyway);
- when one query's count reaches `HUB_SEARCH_HITS_BATCH` (default 100);
- from `manage.py flush_search_hits`, which `manage.py publish_scheduled`
  (cron, every minute in production) runs too.

Where they wait: with Redis, in one hash (`hub:search-hits`, HINCRBY), shared by
every process and server and taken out in one transaction when written; with
the local-memory cache, in the process that counted them, which also writes
them when it exits. Counts taken out are put back when the database write
fails, so only a cache outage (with the local-memory cache: a process killed
before it wrote them) loses hits, at most one batch per query.
"""

import atexit
import contextlib
import logging
import threading
from collections import Counter

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from home.caching.backends import CacheUnavailable

logger = logging.getLogger(__name__)

HASH_NAME = "hub:search-hits"
DEFAULT_BATCH = 100
# Set on a response by the search view: the query its render counted.
RESPONSE_ATTRIBUTE = "hub_search_hit"


class _ProcessCounts:
    """The waiting counts of this process, for caches that are not shared."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = Counter()
        self._exit_hook = False

    def increment(self, field):
        with self._lock:
            if not self._exit_hook:
                atexit.register(_flush_at_exit)
                self._exit_hook = True
            self._counts[field] += 1
            return self._counts[field]

    def take(self):
        with self._lock:
            counts, self._counts = dict(self._counts), Counter()
            return counts

    def give_back(self, counts):
        with self._lock:
            self._counts.update(counts)


_process_counts = _ProcessCounts()


class _SharedCounts:
    """The waiting counts in a hash of the shared cache (FailSafeRedisCache)."""

    def __init__(self, backend):
        self.backend = backend

    def increment(self, field):
        return self.backend.hash_increment(HASH_NAME, field)

    def take(self):
        return self.backend.hash_take(HASH_NAME)

    def give_back(self, counts):
        for field, hits in counts.items():
            self.backend.hash_increment(HASH_NAME, field, hits)


def _store():
    backend = caches["default"]
    return _SharedCounts(backend) if hasattr(backend, "hash_increment") else _process_counts


def _field(query, day=None):
    # The date first: a normalised query has no leading space, so one split undoes it.
    return f"{(day or timezone.now().date()).isoformat()} {normalise_query_string(query)}"


def mark(response, query):
    """Tells the page cache that serving `response` again is a search for `query`."""
    setattr(response, RESPONSE_ATTRIBUTE, normalise_query_string(query))
    return response


def marked_query(response):
    return getattr(response, RESPONSE_ATTRIBUTE, None)


def count_cached_hit(query):
    """A search for `query` served from the page cache: counted in the cache;
    written out with the others once this query has waited for a batch."""
    field = _field(query)
    try:
        waiting = _store().increment(field)
    except CacheUnavailable:
        # Nothing can wait: this hit goes to the database now.
        flush(also={field: 1})
        return
    if waiting >= getattr(settings, "HUB_SEARCH_HITS_BATCH", DEFAULT_BATCH):
        flush()


def record_hit(query):
    """A search for `query` rendered by the view: its hit and every waiting one,
    written now."""
    flush(also={_field(query): 1})


def flush(also=None, *, raise_errors=False):
    """Writes every waiting count (and `also`) to the database and answers how
    many hits it wrote. On a database error the counts go back to wait for the
    next flush, and the error is logged (raised with `raise_errors`): counting
    never breaks a search."""
    store = _store()
    try:
        counts = Counter(store.take())
    except CacheUnavailable:
        counts, store = Counter(), None
    counts.update(also or {})
    if not counts:
        return 0
    try:
        _write(counts)
    except Exception:
        try:
            if store is None:
                raise CacheUnavailable("no cache to keep them in")
            store.give_back(counts)
            logger.exception("Could not write %s search hits; they wait for the next flush", counts.total())
        except CacheUnavailable:
            logger.exception("Lost %s search hits: neither the database nor the cache took them", counts.total())
        if raise_errors:
            raise
        return 0
    return counts.total()


def _flush_at_exit():
    try:
        flush()
    except Exception:  # noqa: BLE001 - the process is ending; the log says what was lost
        logger.exception("The search hits of this process could not be written at exit")


def _write(counts):
    # All or nothing, so counts given back after an error are not written twice;
    # a single count needs no transaction (its one UPDATE is the write).
    with transaction.atomic() if len(counts) > 1 else contextlib.nullcontext():
        for field, hits in sorted(counts.items()):
            day, query_string = field.split(" ", 1)
            query = Query.get(query_string)
            daily, created = QueryDailyHits.objects.get_or_create(query=query, date=day, defaults={"hits": hits})
            if not created:
                QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
