"""iCalendar output through the icalendar library.

Times are written in UTC (DTSTART:20260612T070000Z), which every calendar
program reads as the same instant and shows on its reader's clock. A TZID
would need a VTIMEZONE, and the ones icalendar generates list each change of
the clocks as dates from 1970 to 2038, which other parsers (vobject) misread.
An event known only to the day is an all-day event (VALUE=DATE). One known
only to the month or the year is left out: a calendar entry needs a day, and
any day we chose, or a span over the whole month or year, would be invented.
"""

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext

import icalendar

from events.local_time import DatePrecision


def build_calendar(request, events):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//BD4M Hub//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", gettext("BD4M Alliance events"))
    # The UID must not change between downloads, so it names the site, not the request's host.
    from wagtail.models import Site

    site = Site.find_for_request(request)
    host = site.hostname if site is not None and site.hostname not in {"", "*"} else request.get_host()
    for event in events:
        if not event.in_calendar:
            continue
        item = icalendar.Event()
        item.add("uid", f"event-{event.pk}@{host}")
        item.add("summary", event.title)
        start, end = calendar_times(event)
        item.add("dtstart", start)
        item.add("dtend", end)
        item.add("dtstamp", event.last_published_at or event.start)
        item.add("description", event.intro)
        item.add("url", event.get_full_url(request))
        if event.last_published_at:
            item.add("last-modified", event.last_published_at)
        item.add("categories", [event.get_event_type_display()])
        item.add("status", "CONFIRMED")
        location = event.location_label or (event.online_url if event.is_online else "")
        if location:
            item.add("location", location)
        calendar.add_component(item)
    return calendar


def calendar_times(event):
    """DTSTART and DTEND: UTC instants, or the days of an all-day event (DTEND is the day after)."""
    if event.date_precision == DatePrecision.DAY:
        return event.local_start.date(), event.local_end.date() + datetime.timedelta(days=1)
    return event.start.astimezone(datetime.UTC), event.end.astimezone(datetime.UTC)


def calendar_response(request, events, *, filename):
    response = HttpResponse(build_calendar(request, events).to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _events_in_site(request):
    from wagtail.models import Site

    from events.models import EventPage

    site = Site.find_for_request(request)
    events = EventPage.objects.live().public()
    return events.in_site(site) if site is not None else events


def feed_view(request):
    """/events/feed.ics: every upcoming public event. Wagtail's page URLs cannot
    end in a file name, so this URL is routed here rather than to the index page."""
    from django.utils import timezone

    upcoming = _events_in_site(request).filter(end__gte=timezone.now()).order_by("start", "pk")
    return calendar_response(request, upcoming, filename="bd4m-events.ics")


def event_view(request, slug):
    """/events/<slug>/event.ics: one public event."""
    from django.http import Http404

    event = _events_in_site(request).filter(slug=slug).first()
    if event is None or not event.in_calendar:
        raise Http404("No such event in the calendar")
    return calendar_response(request, [event], filename=f"{event.slug}.ics")
