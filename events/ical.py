"""iCalendar output through the icalendar library."""

from django.http import HttpResponse

import icalendar


def build_calendar(request, events):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//BD4M Hub//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "BD4M Alliance events")
    host = request.get_host()
    for event in events:
        item = icalendar.Event()
        item.add("uid", f"event-{event.pk}@{host}")
        item.add("summary", event.title)
        item.add("dtstart", event.local_start)
        item.add("dtend", event.local_end)
        item.add("dtstamp", event.last_published_at or event.start)
        item.add("description", event.intro)
        item.add("url", event.get_full_url(request))
        location = event.location_label or (event.online_url if event.is_online else "")
        if location:
            item.add("location", location)
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar


def calendar_response(request, events, *, filename):
    response = HttpResponse(build_calendar(request, events).to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
