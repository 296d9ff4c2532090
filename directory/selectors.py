"""Read-side queries for the directory, members and questions.

Each returns what a template loops over, with the joins and prefetches its
cards need, so a listing costs the same few queries whatever its length. Each
index page's `get_context` calls one of them; the directory's listing and
facet engine live in directory/listing.py and directory/facets.py.
"""

from django.db.models import Count, Prefetch, prefetch_related_objects
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page

from directory.facets import FacetOption, country_names
from directory.listing import directory_listing, load_entry_cards
from directory.maps import directory_map
from home.fragments import cached_cards
from home.models.mixins import paginate


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
        "entry_cards": cached_cards(
            request, "components/card_entry.html", entries_page.object_list, load_entry_cards, as_name="entry"
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


def member_activity(member):
    """The directory entries, events and news a member takes part in.

    Events and news link to pages (their `organisers` and `related_members`);
    their reverse relations (`events`, `news_pages`) reach them from here
    without the directory importing the apps that define them.
    """
    from directory.models import DirectoryEntryPage
    from directory.models.entries import CARD_PREFETCH

    entries = (
        DirectoryEntryPage.objects.live()
        .public()
        .filter(organisation_links__member=member)
        .select_related("image")
        .prefetch_related(*CARD_PREFETCH)
        .distinct()
        .order_by("-year_started", "title")
    )
    events = (
        member.events.live().public().select_related("image").prefetch_related("image__renditions").order_by("-start")
    )
    news = (
        member.news_pages.live()
        .public()
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
