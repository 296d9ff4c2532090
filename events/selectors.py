"""Read-side queries for the events listing."""

from django.db.models.functions import ExtractYear

from home.caching import cached
from home.fragments import cached_cards, in_order
from home.models.mixins import paginate

MAX_YEAR_OPTIONS = 50


def event_listing(*, index, request, now):
    """Upcoming events by default, past ones with `?when=past`, filtered by `type`,
    `series` (slug), `year` and `organiser` (the slug of an organising member's
    page, linked from that page); unknown values are ignored.

    Returns the template context: `showing_past`, `events_page`, `event_cards`,
    `filters` and, when nothing is upcoming, `latest_past_events`. The ordered
    ids and the filter options are cached per query until content changes or
    the minute turns (an event moves from upcoming to past), so a fixed number
    of queries whatever the number of events.
    """
    from events.models import EventType

    params = request.GET
    events = index.get_events()
    showing_past = params.get("when") == "past"
    now = now.replace(second=0, microsecond=0)
    series = _series_names()
    organisers = _organiser_names() if params.get("organiser") else {}
    active = {
        "type": params.get("type", "") if params.get("type", "") in EventType.values else "",
        "series": params.get("series", "") if params.get("series", "") in series else "",
        "year": "",
        "organiser": params.get("organiser", "") if params.get("organiser", "") in organisers else "",
    }
    year = str(params.get("year", "")).strip()
    if year.isdigit() and len(year) == 4:
        active["year"] = year

    ids, years = cached(
        ("event-listing", index.pk, showing_past, active, now.isoformat()),
        lambda: _ordered_ids_and_years(events, showing_past, active, now),
        timeout=60,
    )

    events_page = paginate(request, ids, index.per_page)
    context = {
        "showing_past": showing_past,
        "events_page": events_page,
        "event_cards": cached_cards(
            request,
            "components/card_event.html",
            events_page.object_list,
            lambda missing: in_order(events, missing),
            as_name="event",
        ),
        "filters": {
            "active": active,
            "options": {
                "type": list(EventType.choices),
                "series": list(series.items()),
                "year": [(str(y), str(y)) for y in years],
            },
            "organiser_name": organisers.get(active["organiser"], ""),
        },
    }
    if not showing_past and not any(active.values()) and not ids:
        # No upcoming event: say so and offer the latest past ones instead.
        context["latest_past_events"] = list(events.filter(end__lt=now).order_by("-start", "-pk")[:3])
    return context


def _organiser_names():
    """{slug: title} of the live pages organising an event, cached until content changes."""
    from wagtail.models import Page

    from events.models import EventPage

    def compute():
        organising = EventPage.organisers.through.objects.values("page_id")
        return dict(Page.objects.live().public().filter(pk__in=organising).values_list("slug", "title"))

    return cached(("event-organisers",), compute)


def _series_names():
    from events.models import EventSeries

    return cached(
        ("event-series",), lambda: dict(EventSeries.objects.live().order_by("name").values_list("slug", "name"))
    )


def _ordered_ids_and_years(events, showing_past, active, now):
    scope = events.filter(end__lt=now) if showing_past else events.filter(end__gte=now)
    filtered = scope
    if active["type"]:
        filtered = filtered.filter(event_type=active["type"])
    if active["series"]:
        filtered = filtered.filter(series__slug=active["series"])
    if active["year"]:
        filtered = filtered.filter(start__year=int(active["year"]))
    if active["organiser"]:
        filtered = filtered.filter(organisers__slug=active["organiser"])
    ordered = filtered.order_by("-start", "-pk") if showing_past else filtered.order_by("start", "pk")
    years = scope.annotate(y=ExtractYear("start")).values_list("y", flat=True).distinct().order_by("-y")
    return list(ordered.values_list("pk", flat=True)), list(years[:MAX_YEAR_OPTIONS])
