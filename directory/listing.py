"""The directory's listing: the filtered, searched and sorted entry ids and
their facet counts, cached together per query until content changes."""

import uuid
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import parse_qsl, urlencode

from django.utils import translation

from directory.facets import (
    MEMBER_LABEL,
    apply_conditions,
    build_facets,
    conditions_for,
    country_names,
    facet_counts,
    facet_labels,
    member_names,
    parse_params,
)
from home.caching import cache_key, cached
from home.fragments import in_order
from home.search_query import ids_subquery, search_ranking


@dataclass
class DirectoryListing:
    # The matching entries' ids, in order (cheap to cache; load_entry_cards
    # loads the ones a page shows).
    ids: list
    query: str
    sort: str
    active: dict
    vocab: dict
    counts: dict
    # Names this listing (directory, filters, query, sort, content version):
    # the facet panel is cached under it, so paging reuses it.
    key: str = ""
    # The query, in another language than the entries, found some through their
    # meaning (home.semantic.hybrid.Ranking.cross_lingual): the page says so.
    cross_lingual: bool = False

    @cached_property
    def facets(self):
        return build_facets(self.vocab, self.active, self.counts)

    @cached_property
    def chosen(self):
        """The selected filter values, each as {param, facet, value, label}, in
        the facet panel's order: for "remove this filter" links."""
        names = dict(self.vocab)
        names["country"] = country_names(translation.get_language() or "en")
        names["year"] = {}
        names["member"] = member_names() if self.active.get("member") else {}
        chosen = []
        for param, label in [*facet_labels(), ("member", MEMBER_LABEL)]:
            values = self.active[param]
            if param in self.vocab:
                values = [slug for slug in self.vocab[param] if slug in values]
            elif param == "country":
                values = sorted(values, key=lambda code: names["country"].get(code, code))
            else:
                values = sorted(values, reverse=True)
            chosen += [
                {"param": param, "facet": label, "value": value, "label": names[param].get(value, value)}
                for value in values
            ]
        return chosen

    @property
    def is_filtered(self):
        return bool(self.query or any(self.active.values()))

    def querystring(self, **overrides):
        """The listing's GET parameters, in a stable order, with `overrides` applied
        (a false value removes a parameter): the base of every shareable link."""
        params = [("q", self.query)] if self.query else []
        for key, values in self.active.items():
            params += [(key, value) for value in values]
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        for key, value in overrides.items():
            params = [pair for pair in params if pair[0] != key]
            if value:
                params.append((key, value))
        return urlencode(params)

    @property
    def api_querystring(self):
        """The listing's filters as the API's page endpoint takes them (hub/api.py):
        the same names (but `type`: `collaborative_type`); the API keeps its own order, so no sort."""
        params = [
            ("collaborative_type" if key == "type" else key, value)
            for key, value in parse_qsl(self.querystring(sort=None))
        ]
        return urlencode(params)

    def toggle_querystring(self, param, value):
        """The query string that adds `value` to filter `param`, or removes it if selected."""
        params = [("q", self.query)] if self.query else []
        for key, values in self.active.items():
            values = list(values)
            if key == param:
                values = [v for v in values if v != value] if value in values else sorted([*values, value])
            params += [(key, v) for v in values]
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        return urlencode(params)


def _ordered_ids(base, conditions, ranked, sort):
    matching = apply_conditions(base, conditions)
    if ranked is not None and sort == "relevance":
        kept = set(matching.values_list("pk", flat=True))
        return [pk for pk in ranked if pk in kept]
    if sort == "title":
        return list(matching.order_by("title", "pk").values_list("pk", flat=True))
    # Newest first; also the order of an unsearched listing sorted by relevance.
    return list(matching.order_by("-year_started", "title", "pk").values_list("pk", flat=True))


def load_entry_cards(ids):
    """The live, public entries with `ids`, in that order, with what a card shows."""
    from directory.models import DirectoryEntryPage
    from directory.models.entries import CARD_PREFETCH

    entries = DirectoryEntryPage.objects.live().public().select_related("image").prefetch_related(*CARD_PREFETCH)
    return in_order(entries, ids)


def directory_listing(index, params):
    """Filter, search, sort and count the entries of the directory `index` from GET parameters.

    Unknown filter values are ignored, so a stale shared link still answers.
    The ordered ids and the facet counts are cached per directory and distinct
    query until content changes (privacy changes included), so the cost of a
    listing does not grow with the number of entries it matches.
    """
    vocab, active, query, sort = parse_params(params)

    def compute():
        base = index.get_entries()
        conditions = conditions_for(active)
        ranked, cross_lingual = None, False
        if query:
            ranking = search_ranking(base, query, cache_prefix="directory-search")
            ranked, cross_lingual = ranking.ids, ranking.cross_lingual
            # The ranking holds only entries of `base` (live, public, in this
            # directory): its ids alone spare each facet query those conditions.
            base = base.model.objects.filter(pk__in=ids_subquery(ranked))
        return _ordered_ids(base, conditions, ranked, sort), facet_counts(base, conditions), cross_lingual

    # "hybrid": the cached value gained the cross-lingual flag; older values are not read.
    key_parts = ("directory-listing", "hybrid", index.pk, active, query, sort)
    ids, counts, cross_lingual = cached(key_parts, compute)
    return DirectoryListing(
        ids=ids,
        query=query,
        sort=sort,
        active=active,
        vocab=vocab,
        counts=counts,
        cross_lingual=cross_lingual and bool(ids),
        # With the version unknown (the cache is down), a key of this request alone.
        key=cache_key(*key_parts) or uuid.uuid4().hex,
    )
