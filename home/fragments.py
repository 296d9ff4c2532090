"""Listing cards rendered once per object and content version, then reused.

A directory page shows 20 cards out of 10,000 entries in countless filter
combinations, so whole-page caching rarely hits for it, while each card is
the same wherever it appears. Wagtail's `{% wagtailcache %}` tag caches one
fragment at a time and needs the object loaded to build its key; here the key
needs only the id, so a listing whose cards are all cached loads no entry at
all and reads every card in one `get_many` (one round trip to Redis).
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from home.caching import CACHE_TIMEOUT, content_version


def cached_cards(request, template_name, ids, load, *, as_name, context=None):
    """The rendered `template_name` for each of `ids`, in order.

    `load(missing_ids)` returns the objects not cached yet, with what their
    card needs prefetched; each is rendered with itself as `as_name`. Keys
    carry the content version, so a publish or a term edit renders afresh.
    `context` (plain values: the search query a card highlights) is passed to
    the template and keys the cache too, so a card is never read for another one.
    """
    ids = list(ids)
    found = cards_by_id(request, template_name, ids, load, as_name=as_name, context=context)
    return [found[pk] for pk in ids if pk in found]


def cards_by_id(request, template_name, ids, load, *, as_name, context=None):
    """{id: rendered card} of `cached_cards`, for callers that set something beside each card."""
    ids = list(ids)
    context = dict(context or {})
    version = content_version()
    parts = ["hub:card", template_name, str(version), translation.get_language() or "", request.get_host()]
    if context:
        parts.append(hashlib.sha256(repr(sorted(context.items())).encode()).hexdigest()[:24])
    prefix = ":".join(parts)
    keys = {pk: f"{prefix}:{pk}" for pk in ids}
    # With the version unknown (the cache is down) every card is rendered afresh.
    found = cache.get_many(list(keys.values())) if keys and version is not None else {}
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        rendered = {
            keys[obj.pk]: render_to_string(template_name, {**context, as_name: obj, "request": request})
            for obj in load(missing)
        }
        if version is not None:
            cache.set_many(rendered, CACHE_TIMEOUT)
        found.update(rendered)
    return {pk: mark_safe(found[keys[pk]]) for pk in ids if keys[pk] in found}  # noqa: S308 - our own templates


def in_order(queryset, ids):
    """The objects of `queryset` with `ids`, in the order of `ids` (missing ones left out)."""
    by_id = queryset.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]
