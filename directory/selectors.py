"""Read-side queries for the directory, members and questions.

Each returns what a template loops over, with the joins and prefetches its
cards need, so a listing costs the same few queries whatever its length.
"""

import uuid
from dataclasses import dataclass, field
from functools import cache as memoize
from functools import cached_property
from html import escape
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, prefetch_related_objects
from django.utils import translation
from django.utils.safestring import mark_safe

from wagtail.models import Page

from django_countries import countries

from home.caching import cache_key, cached
from home.fragments import in_order
from home.search_query import clean_query, ranked_ids

SORTS = ("relevance", "newest", "title")
YEAR_RANGE = range(1950, 2101)
# Filter values kept per parameter: more than any real use, few enough to bound the SQL.
MAX_VALUES = 20
COUNTRY_LABEL = "Country"
YEAR_LABEL = "Year started"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list = field(default_factory=list)

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)

    def options_html(self):
        """The facet's checkboxes as <li> elements.

        Built here rather than in a template loop: at 10,000 entries the panel
        holds some 270 options, which the template engine took about 45 ms to
        render; plain string building takes about 1 ms.
        """
        param = escape(self.param)
        return mark_safe(  # noqa: S308 - every interpolated value is escaped
            "".join(
                f'<li><input type="checkbox" id="facet-{param}-{index}" name="{param}" value="{escape(option.value)}"'
                f'{" checked" if option.selected else ""}><label for="facet-{param}-{index}">{escape(option.label)}'
                f' <span class="facet__count">({int(option.count)})</span></label></li>'
                for index, option in enumerate(self.options, start=1)
            )
        )


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

    @cached_property
    def facets(self):
        return _build_facets(self.vocab, self.active, self.counts)

    @cached_property
    def chosen(self):
        """The selected filter values, each as {param, facet, value, label}, in
        the facet panel's order: for "remove this filter" links."""
        names = {param: self.vocab[param] for param, *_ in _term_facets()}
        names["country"] = country_names(translation.get_language() or "en")
        names["year"] = {}
        chosen = []
        for param, label in _facet_labels():
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


def _term_facets():
    from directory.models import CollaborativeType, DataSource, Region, ValueProposition
    from home.models import Topic

    # (GET parameter, label, term model, field of DirectoryEntryPage)
    return [
        ("data_source", "Data source", DataSource, "data_sources"),
        ("value", "Value proposition", ValueProposition, "value_propositions"),
        ("type", "Collaborative type", CollaborativeType, "collaborative_type"),
        ("topic", "Topic", Topic, "topics"),
        ("region", "Region", Region, "regions"),
    ]


def _facet_labels():
    """(GET parameter, label) of every facet, in the panel's order."""
    return [(param, label) for param, label, *_ in _term_facets()] + [
        ("country", COUNTRY_LABEL),
        ("year", YEAR_LABEL),
    ]


def vocabularies():
    """{parameter: {slug: name}} for the active language, cached until content changes."""
    language = translation.get_language() or "en"
    return cached(("directory-vocabularies", language), lambda: _vocabularies(language))


def _vocabularies(language):
    vocab = {}
    for param, _label, model, _field in _term_facets():
        terms = model.objects.filter(locale__language_code=language)
        if not terms.exists():
            terms = model.objects.all()
        vocab[param] = dict(terms.order_by("name").values_list("slug", "name"))
    return vocab


def _selected(params, name, valid):
    values = []
    for value in params.getlist(name)[:MAX_VALUES]:
        value = str(value).strip()
        if value in valid and value not in values:
            values.append(value)
    return sorted(values)


def parse_params(params):
    """The valid filters, query and sort of a GET query; anything unknown is dropped."""
    vocab = vocabularies()
    active = {param: _selected(params, param, vocab[param]) for param, *_ in _term_facets()}
    active["country"] = _selected_countries(params)
    active["year"] = _selected(params, "year", {str(year) for year in YEAR_RANGE})
    sort = params.get("sort", "relevance")
    if sort not in SORTS:
        sort = "relevance"
    return vocab, active, clean_query(params.get("q", "")), sort


def _selected_countries(params):
    values = []
    for value in params.getlist("country")[:MAX_VALUES]:
        code = str(value).strip().upper()
        if code in countries and code not in values:
            values.append(code)
    return sorted(values)


def _conditions(active):
    """One `pk__in` subquery per active filter: values of one filter are alternatives,
    filters combine. Subqueries (not joins) keep every entry once, with no DISTINCT."""
    from directory.models import DirectoryEntryPage, EntryCountry

    conditions = {}
    for param, _label, _model, field_name in _term_facets():
        if not active[param]:
            continue
        model_field = DirectoryEntryPage._meta.get_field(field_name)
        if model_field.many_to_many:
            through = model_field.remote_field.through
            ids = through.objects.filter(**{f"{model_field.m2m_reverse_field_name()}__slug__in": active[param]}).values(
                f"{model_field.m2m_field_name()}_id"
            )
            conditions[param] = {"pk__in": ids}
        else:
            conditions[param] = {f"{field_name}__slug__in": active[param]}
    if active["country"]:
        conditions["country"] = {"pk__in": EntryCountry.objects.filter(country__in=active["country"]).values("page_id")}
    if active["year"]:
        conditions["year"] = {"year_started__in": [int(year) for year in active["year"]]}
    return conditions


def _apply(queryset, conditions, skip=None):
    for param, condition in conditions.items():
        if param != skip:
            queryset = queryset.filter(**condition)
    return queryset


def _facet_counts(base, conditions):
    """{parameter: {value: number of entries}}: each filter's counts under all the other filters.

    One GROUP BY query per facet, whatever the number of entries or values.
    """
    from directory.models import DirectoryEntryPage, EntryCountry

    counts = {}
    for param, _label, _model, field_name in _term_facets():
        scope = _apply(base, conditions, skip=param).values("pk")
        model_field = DirectoryEntryPage._meta.get_field(field_name)
        if model_field.many_to_many:
            through = model_field.remote_field.through
            page_key = f"{model_field.m2m_field_name()}_id"
            rows = (
                through.objects.filter(**{f"{page_key}__in": scope})
                .values_list(f"{model_field.m2m_reverse_field_name()}__slug")
                .annotate(n=Count(page_key, distinct=True))
                .order_by()
            )
        else:
            rows = (
                DirectoryEntryPage.objects.filter(pk__in=scope, **{f"{field_name}__isnull": False})
                .values_list(f"{field_name}__slug")
                .annotate(n=Count("pk"))
                .order_by()
            )
        counts[param] = dict(rows)
    counts["country"] = dict(
        EntryCountry.objects.filter(page_id__in=_apply(base, conditions, skip="country").values("pk"))
        .values_list("country")
        .annotate(n=Count("page_id", distinct=True))
        .order_by()
    )
    counts["year"] = {
        str(year): n
        for year, n in DirectoryEntryPage.objects.filter(
            pk__in=_apply(base, conditions, skip="year").values("pk"), year_started__isnull=False
        )
        .values_list("year_started")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return counts


def _ordered_ids(base, conditions, ranked, sort):
    matching = _apply(base, conditions)
    if ranked is not None and sort == "relevance":
        kept = set(matching.values_list("pk", flat=True))
        return [pk for pk in ranked if pk in kept]
    if sort == "title":
        return list(matching.order_by("title", "pk").values_list("pk", flat=True))
    # Newest first; also the order of an unsearched listing sorted by relevance.
    return list(matching.order_by("-year_started", "title", "pk").values_list("pk", flat=True))


@memoize
def country_names(language):
    """{code: name} in `language`: one pass over django-countries per process and
    language, where `countries.name(code)` per option cost 15 ms a listing."""
    with translation.override(language):
        return {code: str(name) for code, name in countries}


def _build_facets(vocab, active, counts):
    facets = []
    for param, label, _model, _field in _term_facets():
        options = [
            FacetOption(slug, name, counts[param].get(slug, 0), slug in active[param])
            for slug, name in vocab[param].items()
            if counts[param].get(slug) or slug in active[param]
        ]
        facets.append(Facet(param, label, options))
    codes = set(counts["country"]) | set(active["country"])
    names = country_names(translation.get_language() or "en")
    facets.append(
        Facet(
            "country",
            COUNTRY_LABEL,
            sorted(
                (
                    FacetOption(code, names.get(code, code), counts["country"].get(code, 0), code in active["country"])
                    for code in codes
                ),
                key=lambda option: option.label,
            ),
        )
    )
    years = sorted(set(counts["year"]) | set(active["year"]), reverse=True)
    facets.append(
        Facet(
            "year",
            YEAR_LABEL,
            [FacetOption(year, year, counts["year"].get(year, 0), year in active["year"]) for year in years],
        )
    )
    return facets


def load_entry_cards(ids):
    """The live, public entries with `ids`, in that order, with what a card shows."""
    from directory.models import DirectoryEntryPage

    entries = (
        DirectoryEntryPage.objects.live()
        .public()
        .select_related("image")
        .prefetch_related("data_sources", "image__renditions")
    )
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
        conditions = _conditions(active)
        ranked = None
        if query:
            ranked = ranked_ids(base, query, cache_prefix="directory-search")
            base = base.filter(pk__in=ranked)
        return _ordered_ids(base, conditions, ranked, sort), _facet_counts(base, conditions)

    key_parts = ("directory-listing", index.pk, active, query, sort)
    ids, counts = cached(key_parts, compute)
    return DirectoryListing(
        ids=ids,
        query=query,
        sort=sort,
        active=active,
        vocab=vocab,
        counts=counts,
        # With the version unknown (the cache is down), a key of this request alone.
        key=cache_key(*key_parts) or uuid.uuid4().hex,
    )


def filter_members(base, params):
    """Members filtered by `sector`, `kind` and `country` (one value each).

    Unknown values are ignored. Returns the filtered members and a dict with
    `active` values, `options` as (value, label) pairs and `facets` (label and
    count of each option under the other filters), in four queries.
    """
    from directory.models import MemberKind, Sector

    valid = {
        "sector": dict(Sector.choices),
        "kind": dict(MemberKind.choices),
        "country": country_names(translation.get_language() or "en"),
    }
    active = {}
    for name, choices in valid.items():
        value = str(params.get(name, "") or "").strip()
        if name == "country":
            value = value.upper()
        active[name] = value if value in choices else ""

    def apply(queryset, skip=None):
        for name, value in active.items():
            if value and name != skip:
                queryset = queryset.filter(**{name: value})
        return queryset

    counts = {
        name: dict(apply(base, skip=name).exclude(**{name: ""}).values_list(name).annotate(n=Count("pk")).order_by())
        for name in valid
    }
    names = valid["country"]
    present_countries = sorted(
        set(counts["country"]) | ({active["country"]} - {""}), key=lambda code: names.get(code, code)
    )
    options = {
        "sector": list(Sector.choices),
        "kind": list(MemberKind.choices),
        "country": [(code, names.get(code, code)) for code in present_countries],
    }
    facets = {
        name: [
            FacetOption(value, str(label), counts[name].get(value, 0), value == active[name])
            for value, label in choices
        ]
        for name, choices in options.items()
    }
    return apply(base), {"active": active, "options": options, "facets": facets}


def member_activity(member):
    """The directory entries, events and news a member takes part in."""
    from directory.models import DirectoryEntryPage
    from events.models import EventPage
    from home.models import NewsPage

    entries = (
        DirectoryEntryPage.objects.live()
        .public()
        .filter(organisation_links__member=member)
        .select_related("image")
        .prefetch_related("data_sources", "image__renditions")
        .distinct()
        .order_by("-year_started", "title")
    )
    events = (
        EventPage.objects.live()
        .public()
        .filter(organisers=member)
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-start")
    )
    news = (
        NewsPage.objects.live()
        .public()
        .filter(related_members=member)
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-date")
    )
    return {"member_entries": entries, "member_events": events, "member_news": news}


def entry_relations(entry):
    """What an entry page shows beside its own fields, in a fixed number of queries.

    The entry's taxonomy is fetched once here and shared by the key facts, the
    JSON-LD and anything else on the page that reads it.
    """
    from directory.models import EntryOrganisation

    prefetch_related_objects(
        [entry],
        "data_sources",
        "methods",
        "value_propositions",
        "regions",
        "topics",
        "questions",
        "country_links",
        Prefetch("organisation_links", queryset=EntryOrganisation.objects.select_related("member")),
    )
    organisations = entry.organisation_links.all()
    live_member_ids = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[o.member_id for o in organisations if o.member_id])
        .values_list("pk", flat=True)
    )
    return {
        "organisations": [
            {"name": link.name, "member": link.member if link.member_id in live_member_ids else None}
            for link in organisations
        ],
        "countries": [link.country for link in entry.country_links.all()],
    }


def questions_by_topic(locale):
    """Priority questions grouped by topic, each with the live entries addressing it
    and the live entries on the same topic."""
    from directory.models import DirectoryEntryPage, PriorityQuestion

    live_entries = DirectoryEntryPage.objects.live().public().order_by("title")
    questions = (
        PriorityQuestion.objects.filter(locale=locale)
        .select_related("topic")
        .prefetch_related(Prefetch("entries", queryset=live_entries, to_attr="live_entries"))
        .order_by("topic__name", "sort_order", "pk")
    )
    groups = {}
    for question in questions:
        groups.setdefault(question.topic, []).append(question)
    topic_ids = [topic.pk for topic in groups if topic]
    topic_entries = {}
    for entry in live_entries.filter(topics__in=topic_ids).prefetch_related("topics").distinct():
        for topic in entry.topics.all():
            topic_entries.setdefault(topic.pk, []).append(entry)
    return [
        {
            "topic": topic,
            "questions": items,
            "topic_entries": topic_entries.get(topic.pk, []) if topic else [],
        }
        for topic, items in sorted(groups.items(), key=lambda pair: (pair[0] is None, str(pair[0] or "")))
    ]
