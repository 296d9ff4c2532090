"""Read-side queries for the directory, members and questions.

Each returns what a template loops over, with the joins and prefetches its
cards need, so a listing costs the same few queries whatever its length. Each
index page's `get_context` calls one of them; the directory's listing and
facet engine live in directory/listing.py and directory/facets.py.
"""

from collections import Counter

from django.db.models import Count, F, Prefetch, prefetch_related_objects
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import npgettext

from wagtail.models import Page

from directory.facets import FacetOption, country_counts, country_names
from directory.listing import directory_listing, load_entry_cards
from directory.maps import directory_map
from home.caching import cached
from home.fragments import cached_cards, in_order
from home.models.mixins import paginate
from home.search_query import terms_of
from home.templatetags.search_tags import highlight_card_texts


def directory_page(*, index, request):
    """The context of the directory `index`: its `listing` (filters, facets,
    query), its world map, the page of ids shown (`entries_page`) and their rendered cards."""
    listing = directory_listing(index, request.GET)
    entries_page = paginate(request, listing.ids, index.per_page)
    return {
        "listing": listing,
        # Drawn only when the template's fragment for this listing is not cached yet.
        "directory_map": SimpleLazyObject(lambda: directory_map(listing, directory_url=index.get_url(request))),
        "entries_page": entries_page,
        # The same cached cards for every query; a searched listing marks the query's words in them.
        "entry_cards": highlight_card_texts(
            cached_cards(
                request, "components/card_entry.html", entries_page.object_list, load_entry_cards, as_name="entry"
            ),
            " ".join(terms_of(listing.query)),
        ),
    }


def member_listing(*, index, request):
    """The context of the members `index`: the filters and a page of members."""
    members, filters = filter_members(index.get_members(), request.GET)
    return {"filters": filters, "members_page": paginate(request, members, index.per_page)}


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


# A member page shows this many of its entries, events and news, with links
# to the directory (?member=) and the events (?organiser=) for the rest, so
# its cost does not grow with what the member takes part in.
MEMBER_ACTIVITY_SHOWN = 6


def member_activity(member, request):
    """The first directory entries, events and news a member takes part in, as
    rendered cards, with how many there are in all.

    Events and news link to pages (their `organisers` and `related_members`);
    their reverse relations (`events`, `news_pages`) reach them from here
    without the directory importing the apps that define them. The ids and
    counts are cached until content changes, the cards like any listing's.
    """
    from directory.models import DirectoryEntryPage

    # Built inside the computations: `.public()` reads the private sections
    # when called, a query per call even when every result is cached.
    def entries():
        return DirectoryEntryPage.objects.live().public().filter(pk__in=member.entry_links.values("page_id"))

    def events():
        return member.events.live().public()

    def news():
        return member.news_pages.live().public()

    def compute():
        # Every id (a member's few hundred at most), one query per kind for both
        # the first ones and the count; only those shown are kept.
        found = {
            # Undated entries last on both databases (PostgreSQL sorts NULL first when descending).
            "entries": entries().order_by(F("year_started").desc(nulls_last=True), "title", "pk"),
            "events": events().order_by("-start", "-pk"),
            "news": news().order_by("-date", "-pk"),
        }
        found = {kind: list(pages.values_list("pk", flat=True)) for kind, pages in found.items()}
        return {kind: (ids[:MEMBER_ACTIVITY_SHOWN], len(ids)) for kind, ids in found.items()}

    found = cached(("member-activity", member.pk), compute)
    loaders = {
        "entries": ("components/card_entry.html", "entry", load_entry_cards),
        "events": (
            "components/card_event.html",
            "event",
            lambda ids: in_order(events().select_related("image").prefetch_related("image__renditions"), ids),
        ),
        "news": (
            "components/card_news.html",
            "news",
            lambda ids: in_order(news().select_related("image").prefetch_related("topics", "image__renditions"), ids),
        ),
    }
    context = {}
    for kind, (template_name, as_name, load) in loaders.items():
        ids, count = found[kind]
        context[f"member_{kind}"] = cached_cards(request, template_name, ids, load, as_name=as_name)
        context[f"member_{kind}_count"] = count
    return context


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
        PriorityQuestion.objects.live()
        .filter(locale=locale)
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


def evidence_gap_map(*, index, locale):
    """The evidence gap map: the priority questions of `locale` (rows) by data
    source (columns), each cell the number of live entries of the directory
    `index` that address the question with that data source.

    Returns {"sources": [{slug, name}], "groups": [{topic, rows}]}, the rows
    {question, slug, topic, total, cells} in the questions page's order, each
    cell {"source", "count"}; plain values, cached until content changes.
    Two link queries whatever the number of entries: the pairs are crossed in Python.
    """
    from directory.models import DataSource, DirectoryEntryPage, PriorityQuestion

    def compute():
        live = index.get_entries().values("pk")
        question_links = DirectoryEntryPage.questions.through.objects.filter(directoryentrypage_id__in=live)
        source_links = DirectoryEntryPage.data_sources.through.objects.filter(directoryentrypage_id__in=live)
        entries_by_question, sources_by_entry = {}, {}
        for entry_id, question_id in question_links.values_list("directoryentrypage_id", "priorityquestion_id"):
            entries_by_question.setdefault(question_id, set()).add(entry_id)
        for entry_id, source_id in source_links.values_list("directoryentrypage_id", "datasource_id"):
            sources_by_entry.setdefault(entry_id, set()).add(source_id)
        sources = list(DataSource.objects.live().filter(locale=locale).order_by("name").values("pk", "slug", "name"))
        rows = []
        questions = sorted(
            PriorityQuestion.objects.live()
            .filter(locale=locale)
            .values("pk", "slug", "question", "topic__name", "sort_order"),
            # The questions page's order: by topic, the questions without one last.
            key=lambda q: (q["topic__name"] is None, q["topic__name"] or "", q["sort_order"], q["pk"]),
        )
        for question in questions:
            entries = entries_by_question.get(question["pk"], set())
            counts = Counter(source for entry in entries for source in sources_by_entry.get(entry, ()))
            cells = [{"source": source["slug"], "count": counts[source["pk"]]} for source in sources]
            rows.append(
                {
                    "slug": question["slug"],
                    "question": question["question"],
                    "topic": question["topic__name"] or "",
                    "total": len(entries),
                    "cells": cells,
                }
            )
        groups = []
        for row in rows:
            if not groups or groups[-1]["topic"] != row["topic"]:
                groups.append({"topic": row["topic"], "rows": []})
            groups[-1]["rows"].append(row)
        return {"sources": [{"slug": s["slug"], "name": s["name"]} for s in sources], "groups": groups}

    return cached(("evidence-gap-map", index.pk, locale.pk), compute)


def directory_figures(*, home):
    """The directory's figures for the home page `home`: how many live entries,
    countries and data sources they cover, and each data source used with its
    number of entries, cached until content changes."""
    from directory.models import DataSource, DirectoryEntryPage

    def compute():
        live = DirectoryEntryPage.objects.live().public().descendant_of(home)
        links = DirectoryEntryPage.data_sources.through.objects.filter(directoryentrypage_id__in=live.values("pk"))
        used = dict(
            links.values_list("datasource_id").annotate(n=Count("directoryentrypage_id", distinct=True)).order_by()
        )
        terms = DataSource.objects.live().filter(pk__in=list(used)).order_by("name")
        return {
            "entries": live.count(),
            "countries": len(country_counts(live)),
            "data_sources": [
                {"slug": term.slug, "name": term.name, "count": used[term.pk]}
                for term in sorted(terms, key=lambda term: (-used[term.pk], term.name))
            ],
        }

    return cached(("home-directory-figures", home.pk), compute)


def directory_home_figures(*, home):
    """The home page's figures on entries, countries and data sources, and its
    data-source entry points (`data_source_links`)."""
    from home.selectors import key_figure

    figures = directory_figures(home=home)
    sources = figures["data_sources"]
    directory = "directory.DirectoryIndexPage"
    return {
        "key_figures": [
            key_figure(
                order=10,
                count=figures["entries"],
                label=npgettext("key figure", "directory entry", "directory entries", figures["entries"]),
                page_type=directory,
            ),
            key_figure(
                order=20,
                count=figures["countries"],
                label=npgettext("key figure", "country", "countries", figures["countries"]),
                page_type=directory,
            ),
            key_figure(
                order=30,
                count=len(sources),
                label=npgettext("key figure", "data source", "data sources", len(sources)),
                page_type=directory,
                anchor="data-sources",
            ),
        ],
        "data_source_links": sources,
    }


def member_count(*, home):
    from directory.models import MemberPage

    return cached(
        ("home-member-count", home.pk), lambda: MemberPage.objects.live().public().descendant_of(home).count()
    )


def question_count(*, locale):
    from directory.models import PriorityQuestion

    return cached(
        ("home-question-count", locale.pk), lambda: PriorityQuestion.objects.live().filter(locale=locale).count()
    )


def entry_country_names():
    """The countries the live, public entries cover, by name in the current language
    (the site search's suggestions, DirectoryEntryPage.search_suggestions)."""
    from directory.models import DirectoryEntryPage, EntryCountry
    from home.describing import in_private_section

    names = country_names(translation.get_language() or "en")
    # in_private_section: one subquery, where public() first reads every restriction.
    live = DirectoryEntryPage.objects.live().exclude(in_private_section()).values("pk")
    codes = EntryCountry.objects.filter(page__in=live).values_list("country", flat=True).distinct().order_by()
    return [names[code] for code in codes if code in names]
