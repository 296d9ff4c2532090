"""The caching module: what is cached, under which key, and what empties it.

From a publish to every cache
-----------------------------
1. Something a visitor could see changes: a page is published, unpublished,
   moved or deleted, made private, a snippet (topic, vocabulary term, event
   series, priority question), an image's alt text, the site settings,
   Wagtail's Site record, a redirect, a search promotion... `invalidation`
   hears every post_save, post_delete and m2m_changed of every model.
2. Unless the model is bookkeeping (renditions, search hits, revisions of
   drafts, log entries, workflow states, sessions, login attempts, OTP
   devices, task results, users, admin editing sessions, public submissions,
   Wagtail's own file_hash saves: rows written while pages are served or read
   only by staff), the receiver moves the content version on, once at once
   and once more when the transaction commits (a request that read the old
   rows in between may have cached them under the first new version).
3. The version lives in the shared cache (Redis) under `hub:content-version`
   or, with the local-memory cache, in the size of `HUB_CONTENT_VERSION_FILE`,
   so every worker process sees the change at its next request.
4. Every key embeds the version, so nothing cached before the change is
   read again (it expires on its own):
   - whole pages for anonymous visitors, `hub:page:<version>:...`
     (`pages.AnonymousPageCacheMiddleware`, the "pages" cache);
   - listing ids and facet counts, event listings, the menu, the search
     vocabulary and ranked search results, `hub:<prefix>:<vendor>:<version>:...`
     (`cached()` and `cache_key()`, used by home.search_query,
     directory.listing, directory.facets, events.selectors, home.templatetags.hub_tags,
     home.maps.locator and directory.maps);
   - cards, `hub:card:...:<version>:<id>` (home.fragments.cached_cards);
   - template fragments (footer, breadcrumbs, SEO meta) through the
     `content_version` template variable (hub.context_processors).
5. The caches in front (Varnish, a CDN), when configured, are purged whole by
   one task when the transaction commits (`frontend.schedule_purge`).

The version is read once per request (`version.request_scope`, entered by the
page-cache middleware) and reused by everything the request renders.

A search page served from the page cache still counts as a search: its hit is
one increment in the cache, written to Wagtail's search queries in batches
(`search_hits`).

When the cache fails
--------------------
`backends.FailSafeRedisCache` logs a Redis error and answers as an empty
cache, and the version then reads as None: nothing is read from the cache and
the request is served uncached. A change that could not be recorded is
recorded by the same process as soon as the cache answers again. /healthz
reports the cache as down (`cache_health`).
"""

from home.caching.backends import CacheUnavailable
from home.caching.version import (
    CACHE_TIMEOUT,
    bump_content_version,
    cache_health,
    cache_key,
    cached,
    content_version,
)

__all__ = [
    "CACHE_TIMEOUT",
    "CacheUnavailable",
    "bump_content_version",
    "cache_health",
    "cache_key",
    "cached",
    "content_version",
]
