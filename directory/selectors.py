"""Read-side queries for the directory, members and questions.

Each returns what a template loops over, with the joins and prefetches its
cards need, so a listing costs the same few queries whatever its length.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Prefetch, Q, When

from wagtail.models import Page

from django_countries import countries

from home.search_query import clean_query

MAX_SEARCH_HITS = 2000
SORTS = {"relevance", "newest", "title"}


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


@dataclass
class DirectoryListing:
    entries: object
    query: str
    sort: str
    facets: list
    active: dict

    @property
    def is_filtered(self):
        return bool(self.query or any(self.active.values()))

    def querystring(self, **overrides):
        from urllib.parse import urlencode

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


def _term_facets():
    from directory.models import CollaborativeType, DataSource, Region, ValueProposition
    from home.models import Topic

    # (GET parameter, label, term model, lookup from an entry)
    return [
        ("data_source", "Data source", DataSource, "data_sources"),
        ("value", "Value proposition", ValueProposition, "value_propositions"),
        ("type", "Collaborative type", CollaborativeType, "collaborative_type"),
        ("topic", "Topic", Topic, "topics"),
        ("region", "Region", Region, "regions"),
    ]


def _selected(params, name, valid):
    return sorted({value for value in params.getlist(name) if value in valid})


def directory_listing(base, params):
    """Filter, search, sort and count the directory's entries from GET parameters.

    Unknown filter values are ignored, so a stale shared link still answers.
    """
    from directory.models import EntryCountry

    term_facets = _term_facets()
    vocab = {}
    for param, _label, model, _lookup in term_facets:
        vocab[param] = {term.slug: term.name for term in model.objects.filter(locale_id=_locale_id(base))}
    active = {param: _selected(params, param, vocab[param]) for param, *_ in term_facets}
    active["country"] = _selected(params, "country", dict(countries))
    years = set(base.exclude(year_started=None).values_list("year_started", flat=True).distinct())
    active["year"] = _selected(params, "year", {str(year) for year in years})

    filters = {}
    for param, _label, _model, lookup in term_facets:
        if active[param]:
            filters[param] = Q(**{f"{lookup}__slug__in": active[param]})
    if active["country"]:
        filters["country"] = Q(country_links__country__in=active["country"])
    if active["year"]:
        filters["year"] = Q(year_started__in=[int(year) for year in active["year"]])

    query = clean_query(params.get("q", ""))
    sort = params.get("sort", "relevance")
    if sort not in SORTS:
        sort = "relevance"

    ranked_ids = None
    if query:
        ranked_ids = search_entry_ids(base, query)
        base = base.filter(pk__in=ranked_ids)

    def apply(queryset, skip=None):
        for param, condition in filters.items():
            if param != skip:
                queryset = queryset.filter(condition)
        return queryset

    entries = apply(base).distinct()
    if sort == "title":
        entries = entries.order_by("title", "pk")
    elif sort == "newest" or not ranked_ids:
        entries = entries.order_by("-year_started", "title", "pk")
    else:
        rank = Case(
            *[When(pk=pk, then=position) for position, pk in enumerate(ranked_ids)], output_field=IntegerField()
        )
        entries = entries.order_by(rank, "pk")
    entries = entries.select_related("image", "collaborative_type").prefetch_related(
        "data_sources", "country_links", "regions"
    )

    facets = []
    for param, label, _model, lookup in term_facets:
        counts = dict(
            apply(base, skip=param)
            .filter(**{f"{lookup}__isnull": False})
            .values_list(f"{lookup}__slug")
            .annotate(n=Count("pk", distinct=True))
        )
        options = [
            FacetOption(slug, name, counts.get(slug, 0), slug in active[param])
            for slug, name in vocab[param].items()
            if counts.get(slug) or slug in active[param]
        ]
        facets.append(Facet(param, label, options))

    country_counts = dict(
        EntryCountry.objects.filter(page__in=apply(base, skip="country"))
        .values_list("country")
        .annotate(n=Count("page", distinct=True))
    )
    codes = set(country_counts) | set(active["country"])
    facets.append(
        Facet(
            "country",
            "Country",
            sorted(
                (
                    FacetOption(code, countries.name(code), country_counts.get(code, 0), code in active["country"])
                    for code in codes
                ),
                key=lambda option: option.label,
            ),
        )
    )
    year_counts = dict(
        apply(base, skip="year")
        .exclude(year_started=None)
        .values_list("year_started")
        .annotate(n=Count("pk", distinct=True))
    )
    facets.append(
        Facet(
            "year",
            "Year started",
            [
                FacetOption(str(year), str(year), year_counts.get(year, 0), str(year) in active["year"])
                for year in sorted(set(year_counts) | {int(y) for y in active["year"]}, reverse=True)
            ],
        )
    )
    return DirectoryListing(entries=entries, query=query, sort=sort, facets=facets, active=active)


def _locale_id(queryset):
    from wagtail.models import Locale

    return Locale.get_active().pk


def search_entry_ids(base, query):
    """Ids of the entries matching a text query, best first, through Wagtail search."""
    results = base.search(query, operator="and")[:MAX_SEARCH_HITS]
    ids = [page.pk for page in results]
    if not ids:
        # Forgive typos and prefixes ('satelite', 'venezuel') when nothing matched exactly.
        results = base.autocomplete(query)[:MAX_SEARCH_HITS]
        ids = [page.pk for page in results]
    return ids


def filter_members(base, params):
    from directory.models import MemberKind, Sector

    valid = {
        "sector": dict(Sector.choices),
        "kind": dict(MemberKind.choices),
        "country": dict(countries),
    }
    active = {name: params.get(name, "") if params.get(name, "") in choices else "" for name, choices in valid.items()}
    members = base
    for name, value in active.items():
        if value:
            members = members.filter(**{name: value})
    present_countries = sorted(
        {code for code in base.exclude(country="").values_list("country", flat=True)}, key=countries.name
    )
    options = {
        "sector": list(Sector.choices),
        "kind": list(MemberKind.choices),
        "country": [(code, countries.name(code)) for code in present_countries],
    }
    return members, {"active": active, "options": options}


def member_activity(member):
    """The directory entries, events and news a member takes part in."""
    from directory.models import DirectoryEntryPage
    from events.models import EventPage
    from home.models import NewsPage

    entries = (
        DirectoryEntryPage.objects.live()
        .public()
        .filter(organisation_links__member=member)
        .distinct()
        .order_by("-year_started", "title")
    )
    events = EventPage.objects.live().public().filter(organisers=member).order_by("-start")
    news = NewsPage.objects.live().public().filter(related_members=member).order_by("-date")
    return {"member_entries": entries, "member_events": events, "member_news": news}


def entry_relations(entry):
    """What an entry page shows beside its own fields, in a fixed number of queries."""
    organisations = entry.organisation_links.select_related("member").all()
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
