"""iCal feeds, parsed back with the icalendar library as a calendar program would."""

import datetime
import zoneinfo

from wagtail.models import PageViewRestriction

import icalendar
import pytest

from events.models import EventSeries
from tests.factories import build_site, event_page, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    tree = build_site()
    index = tree["event_index"]
    start = datetime.datetime(2031, 3, 4, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    return {
        "dialogue": event_page(
            index,
            title="Private-sector dialogue #7",
            slug="dialogue-7",
            start=start,
            end=start + datetime.timedelta(hours=2),
            time_zone="Europe/Brussels",
            event_type="dialogue",
            series=term(EventSeries, "Private-sector dialogue series"),
            venue="Berlaymont",
            city="Brussels",
            country="BE",
            intro="Telecom operators and statisticians.",
        ),
        "webinar": event_page(
            index, title="Online webinar", slug="webinar", is_online=True, online_url="https://meet.example.org/x"
        ),
        "past": event_page(index, title="Past workshop", slug="past-workshop", days_from_now=-30),
        "private": PageViewRestriction.objects.create(
            page=event_page(index, title="Closed meeting", slug="closed"), restriction_type="login"
        ).page,
    }


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return [component for component in calendar.walk("VEVENT")]


def test_event_ics_has_uid_utc_times_location_and_url(client, events):
    calendar = parse(client.get("/events/dialogue-7/event.ics"))
    [event] = vevents(calendar)
    assert str(event["uid"]) == f"event-{events['dialogue'].pk}@localhost"
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert event["dtstart"].to_ical() == b"20310304T130000Z"  # UTC: every calendar program reads it alike
    assert start == datetime.datetime(2031, 3, 4, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    assert end - start == datetime.timedelta(hours=2)
    assert str(event["summary"]) == "Private-sector dialogue #7"
    assert str(event["location"]) == "Berlaymont, Brussels, Belgium"
    assert str(event["url"]).endswith("/events/dialogue-7/")
    assert str(event["description"]) == "Telecom operators and statisticians."
    # UTC times need no time zone definition (events/ical.py says why).
    assert not calendar.walk("VTIMEZONE")
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]


def test_online_event_gives_its_link_as_location(client, events):
    [event] = vevents(parse(client.get("/events/webinar/event.ics")))
    assert str(event["location"]) == "https://meet.example.org/x"


def test_feed_lists_upcoming_public_events_only_with_stable_uids(client, events):
    first = vevents(parse(client.get("/events/feed.ics")))
    assert {str(e["summary"]) for e in first} == {"Private-sector dialogue #7", "Online webinar"}
    second = vevents(parse(client.get("/events/feed.ics")))
    assert sorted(str(e["uid"]) for e in first) == sorted(str(e["uid"]) for e in second)


def test_private_draft_and_unknown_events_have_no_ics(client, events):
    assert client.get("/events/closed/event.ics").status_code == 404
    events["webinar"].unpublish()
    assert client.get("/events/webinar/event.ics").status_code == 404
    assert client.get("/events/nope/event.ics").status_code == 404
    assert "Closed meeting" not in client.get("/events/feed.ics").content.decode()
