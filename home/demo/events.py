"""Event pages, one per record of events.json: dates as precise as the record, place, type and series."""

import datetime
import re

from django_countries import countries

from home.demo import mappings
from home.demo.reference import citations, load, partial_date
from home.demo.upsert import model, upsert_object, upsert_page


def parse_place(place):
    """(venue, city, country code) from "Venue, City, Country (hybrid)"; blanks when unknown."""
    if not place:
        return "", "", ""
    parts = [part.strip() for part in re.sub(r"\s*\((hybrid|online)\)\s*$", "", place.strip()).split(",")]
    code = countries.by_name(parts[-1]) or ""
    if code:
        parts = parts[:-1]
    city = parts[-1] if parts else ""
    return ", ".join(parts[:-1]), city, code


def guess_event_type(title, online):
    """For records with no entry in mappings.EVENT_TYPES: the type the title names."""
    lowered = title.lower()
    for words, event_type in (
        (("forum", "conference"), "conference"),
        (("workshop", "studio"), "workshop"),
        (("dialogue",), "dialogue"),
        (("webinar",), "webinar"),
    ):
        if any(word in lowered for word in words):
            return event_type
    if "launch" in lowered and online:
        return "webinar"
    return "meeting"


def load_events(tree, members, *, locale, tally):
    event_model = model("events.EventPage")
    series_model = model("events.EventSeries")
    events = {}
    for record in load("events"):
        slug = record["slug"]
        venue, city, country = parse_place(record.get("place"))
        time_zone = mappings.COUNTRY_TIME_ZONES.get(country, "UTC")
        # The record gives days, months or years, never times: the event spans them, and shows no more.
        precision = record.get("date_precision") or "day"
        first_day = partial_date(record["start_date"])
        last_day = partial_date(record["end_date"]) if record.get("end_date") else first_day
        start, end = event_model.instants(
            datetime.datetime.combine(first_day, datetime.time.min),
            datetime.datetime.combine(last_day, datetime.time.min),
            precision=precision,
            time_zone=time_zone,
        )
        series = None
        if slug in mappings.EVENT_SERIES:
            spec = mappings.EVENT_SERIES[slug]
            series = upsert_object(
                series_model,
                {"slug": spec["slug"], "locale": locale},
                {"name": spec["name"], "definition": spec["definition"]},
                tally=tally,
                kind="event series",
            )
        fields = {
            "title": record["title"],
            "start": start,
            "end": end,
            "time_zone": time_zone,
            "date_precision": precision,
            "event_type": mappings.EVENT_TYPES.get(slug) or guess_event_type(record["title"], record.get("online")),
            "series": series,
            "venue": venue,
            "city": city,
            "country": country,
            "is_online": bool(record.get("online")),
            "organiser_text": (record.get("organiser") or "")[:500],
            "intro": record["summary"],
            # No photo in the reference data: the event shows a date badge instead.
            "image": None,
            "sources": citations(record.get("sources")),
        }
        organisers = [members[member] for member in mappings.EVENT_ORGANISERS.get(slug, []) if member in members]
        events[slug] = upsert_page(
            tree["events"],
            event_model,
            slug,
            fields,
            m2m={"organisers": organisers},
            tally=tally,
            kind="event pages",
        )
    return events
