"""Read-side queries for the events listing."""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from home.fragments import cached_cards
from home.models.mixins import paginate

MAX_YEAR_OPTIONS = 50


def event_listing(*, index, request, now):
    """Upcoming events by default, past ones with `?when=past`, filtered by `type`,
    `series` (slug) and `year`; unknown values are ignored.

    Returns the template context: `showing_past`, `events_page`, `filters` and,
    when nothing is upcoming, `latest_past_events`. A fixed number of queries
    whatever the number of events.
    """
    from events.models import EventSeries, EventType

    params = request.GET
    events = index.get_events()
    showing_past = params.get("when") == "past"
    scope = events.filter(end__lt=now) if showing_past else events.filter(end__gte=now)

    series = {slug: name for slug, name in EventSeries.objects.order_by("name").values_list("slug", "name")}
    active = {
        "type": params.get("type", "") if params.get("type", "") in EventType.values else "",
        "series": params.get("series", "") if params.get("series", "") in series else "",
        "year": "",
    }
    year = str(params.get("year", "")).strip()
    if year.isdigit() and len(year) == 4:
        active["year"] = year

    filtered = scope
    if active["type"]:
        filtered = filtered.filter(event_type=active["type"])
    if active["series"]:
        filtered = filtered.filter(series__slug=active["series"])
    if active["year"]:
        filtered = filtered.filter(start__year=int(active["year"]))
    ordered = filtered.order_by("-start", "-pk") if showing_past else filtered.order_by("start", "pk")

    years = list(
        scope.annotate(y=ExtractYear("start"))
        .values_list("y")
        .annotate(n=Count("pk"))
        .order_by("-y")[:MAX_YEAR_OPTIONS]
    )
    events_page = paginate(request, ordered.values_list("pk", flat=True), index.per_page)
    context = {
        "showing_past": showing_past,
        "events_page": events_page,
        "event_cards": cached_cards(
            request, "components/card_event.html", events_page.object_list, _loader(events), as_name="event"
        ),
        "filters": {
            "active": active,
            "options": {
                "type": list(EventType.choices),
                "series": list(series.items()),
                "year": [(str(y), str(y)) for y, _n in years],
            },
        },
    }
    if not showing_past and not any(active.values()) and not context["events_page"].paginator.count:
        # No upcoming event: say so and offer the latest past ones instead.
        context["latest_past_events"] = list(events.filter(end__lt=now).order_by("-start", "-pk")[:3])
    return context


def _loader(events):
    def load(ids):
        by_id = events.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]

    return load
