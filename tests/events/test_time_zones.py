"""Event times are typed on the event's own clock, in the Wagtail admin and in the
public form alike, and come out as the same instant on the page, in iCal and
in JSON-LD; the admin shows them on that clock again when the editor reopens
the page (issue 9, item 7)."""

import datetime
import json

from django.urls import reverse

from wagtail.users.models import UserProfile

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from events.models import EventPage
from tests.factories import event_page
from tests.html import soup_of
from tests.utils import edit_page, editor_form_data

pytestmark = pytest.mark.django_db

UTC = datetime.UTC

# (time zone, typed day, the instant 09:00 there is, JSON-LD startDate)
CASES = {
    "paris-summer": ("Europe/Paris", "2031-06-12", datetime.datetime(2031, 6, 12, 7, tzinfo=UTC), "+02:00"),
    "paris-winter": ("Europe/Paris", "2031-01-15", datetime.datetime(2031, 1, 15, 8, tzinfo=UTC), "+01:00"),
    "new-york": ("America/New_York", "2031-06-12", datetime.datetime(2031, 6, 12, 13, tzinfo=UTC), "-04:00"),
    "tokyo": ("Asia/Tokyo", "2031-06-12", datetime.datetime(2031, 6, 12, 0, tzinfo=UTC), "+09:00"),
    "utc": ("UTC", "2031-06-12", datetime.datetime(2031, 6, 12, 9, tzinfo=UTC), "+00:00"),
}


def add_event_in_admin(client, parent, **fields):
    """POST the admin's 'add event page' form and publish, as a superuser's browser would."""
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", parent.pk])
    data = editor_form_data(client, url, **fields)
    data["action-publish"] = "action-publish"
    return client.post(url, data)


def admin_form_values(client, page):
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content, "html.parser")
    return {name: soup.find("input", attrs={"name": name})["value"] for name in ("start", "end")}


def json_ld(soup):
    return json.loads(soup.find("script", type="application/ld+json").string)


def assert_published_at(client, page, *, time_zone, day, instant, offset):
    """The page, its .ics and its JSON-LD all give 09:00–11:00 on the event's clock."""
    page = EventPage.objects.get(pk=page.pk)
    assert page.start == instant
    assert page.end == instant + datetime.timedelta(hours=2)

    soup = soup_of(client.get(page.url))
    facts = soup.find("section", class_="facts").get_text(" ", strip=True)
    assert "09:00–11:00" in facts
    assert time_zone in facts

    [vevent] = icalendar.Calendar.from_ical(client.get(f"{page.url}event.ics").content).walk("VEVENT")
    assert vevent.decoded("dtstart") == instant
    assert vevent.decoded("dtend") == instant + datetime.timedelta(hours=2)

    data = json_ld(soup)
    assert data["startDate"] == f"{day}T09:00:00{offset}"
    assert data["endDate"] == f"{day}T11:00:00{offset}"


@pytest.mark.parametrize("case", CASES)
def test_time_typed_in_the_admin_is_read_in_the_event_time_zone(case, client, site_tree, superuser):
    time_zone, day, instant, offset = CASES[case]
    client.force_login(superuser)

    response = add_event_in_admin(
        client,
        site_tree["event_index"],
        title="Dialogue on mobile data",
        slug="dialogue",
        start=f"{day} 09:00",
        end=f"{day} 11:00",
        time_zone=time_zone,
        event_type="dialogue",
        intro="Operators and statisticians.",
        city="Paris",
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    page = EventPage.objects.get(slug="dialogue")
    assert page.live
    client.logout()
    assert_published_at(client, page, time_zone=time_zone, day=day, instant=instant, offset=offset)
    client.force_login(superuser)
    assert admin_form_values(client, page) == {"start": f"{day} 09:00", "end": f"{day} 11:00"}


@pytest.mark.parametrize("case", ["paris-summer", "paris-winter", "tokyo"])
def test_editing_an_event_in_the_admin_reads_the_new_time_in_its_zone(case, client, site_tree, superuser):
    time_zone, day, instant, offset = CASES[case]
    page = event_page(site_tree["event_index"], slug="workshop", time_zone="UTC", city="Lyon")
    client.force_login(superuser)

    response = edit_page(client, page, action="publish", start=f"{day} 09:00", end=f"{day} 11:00", time_zone=time_zone)

    assert response.status_code == 302
    client.logout()
    assert_published_at(client, page, time_zone=time_zone, day=day, instant=instant, offset=offset)


def test_reopening_and_saving_an_event_moves_nothing(client, site_tree, superuser):
    start = datetime.datetime(2031, 6, 12, 7, tzinfo=UTC)  # 09:00 in Paris
    page = event_page(
        site_tree["event_index"], start=start, end=start + datetime.timedelta(hours=2), time_zone="Europe/Paris"
    )
    client.force_login(superuser)

    assert admin_form_values(client, page) == {"start": "2031-06-12 09:00", "end": "2031-06-12 11:00"}
    assert edit_page(client, page, action="publish").status_code == 302
    assert edit_page(client, page, action="publish").status_code == 302

    page.refresh_from_db()
    assert (page.start, page.end) == (start, start + datetime.timedelta(hours=2))


def test_the_editor_own_time_zone_does_not_shift_the_event(client, site_tree, superuser):
    # Wagtail shows the admin in the editor's profile time zone; the event's clock wins.
    profile = UserProfile.get_for_user(superuser)
    profile.current_time_zone = "America/Los_Angeles"
    profile.save()
    client.force_login(superuser)

    response = add_event_in_admin(
        client,
        site_tree["event_index"],
        title="Tokyo workshop",
        slug="tokyo",
        start="2031-06-12 09:00",
        end="2031-06-12 11:00",
        time_zone="Asia/Tokyo",
        event_type="workshop",
        intro="Mobile data.",
        city="Tokyo",
    )

    assert response.status_code == 302
    page = EventPage.objects.get(slug="tokyo")
    assert page.start == datetime.datetime(2031, 6, 12, 0, tzinfo=UTC)
    assert admin_form_values(client, page)["start"] == "2031-06-12 09:00"


def test_a_time_the_clocks_skip_is_refused_in_the_admin(client, site_tree, superuser):
    client.force_login(superuser)

    response = add_event_in_admin(
        client,
        site_tree["event_index"],
        title="Night meeting",
        slug="night",
        start="2031-03-30 02:30",  # Paris moves from 02:00 to 03:00 that night
        end="2031-03-30 04:00",
        time_zone="Europe/Paris",
        event_type="meeting",
        intro="At night.",
        city="Paris",
    )

    assert response.status_code == 200
    assert "does not exist in Europe/Paris" in response.content.decode()
    assert not EventPage.objects.filter(slug="night").exists()


def public_form_data(*, day, time_zone):
    return {
        "title": "Dialogue submitted by the public",
        "event_type": "dialogue",
        "start": f"{day}T09:00",
        "end": f"{day}T11:00",
        "time_zone": time_zone,
        "intro": "Operators and statistical offices.",
        "organiser_text": "BD4M Alliance",
        "city": "Paris",
        "submitter_name": "Olu Organiser",
        "submitter_email": "organiser@example.net",
        "form_token": "f" * 32,
    }


@pytest.mark.parametrize("case", CASES)
def test_time_typed_in_the_public_form_is_read_in_the_event_time_zone(case, client, site_tree, superuser):
    time_zone, day, instant, offset = CASES[case]

    response = client.post("/events/submit/", public_form_data(day=day, time_zone=time_zone))

    assert response.status_code == 302, response.content.decode()[:2000]
    page = EventPage.objects.get(title="Dialogue submitted by the public")
    assert page.start == instant and not page.live
    # What the moderator opens is on the event's clock too.
    client.force_login(superuser)
    assert admin_form_values(client, page) == {"start": f"{day} 09:00", "end": f"{day} 11:00"}
    page.get_latest_revision().publish()
    client.logout()
    assert_published_at(client, page, time_zone=time_zone, day=day, instant=instant, offset=offset)


# iCal that every client reads alike (item 8) ------------------------------------


def instants_by_uid_icalendar(body):
    return {
        str(vevent["uid"]): (vevent.decoded("dtstart"), vevent.decoded("dtend"))
        for vevent in icalendar.Calendar.from_ical(body).walk("VEVENT")
    }


def instants_by_uid_vobject(body):
    calendar = vobject.readOne(body.decode())
    return {vevent.uid.value: (vevent.dtstart.value, vevent.dtend.value) for vevent in calendar.vevent_list}


@pytest.fixture
def zoned_events(site_tree):
    """09:00–11:00 on the clock of each case's zone."""
    return {
        case: event_page(
            site_tree["event_index"],
            title=f"Event {case}",
            slug=case,
            start=instant,
            end=instant + datetime.timedelta(hours=2),
            time_zone=time_zone,
        )
        for case, (time_zone, _day, instant, _offset) in CASES.items()
    }


def test_two_ical_parsers_read_the_same_instants_from_the_feed(client, zoned_events):
    body = client.get("/events/feed.ics").content

    by_icalendar, by_vobject = instants_by_uid_icalendar(body), instants_by_uid_vobject(body)

    assert by_icalendar.keys() == by_vobject.keys() and len(by_icalendar) == len(CASES)
    stored = {f"event-{page.pk}@localhost": (page.start, page.end) for page in zoned_events.values()}
    for uid, (start, end) in stored.items():
        assert by_icalendar[uid] == (start, end), uid
        assert by_vobject[uid] == (start, end), uid
        assert by_vobject[uid][0].utcoffset() == datetime.timedelta(0)  # written in UTC, no zone to misread


@pytest.mark.parametrize("case", CASES)
def test_two_ical_parsers_read_the_same_instant_from_an_event_file(case, client, zoned_events):
    page = zoned_events[case]
    body = client.get(f"{page.url}event.ics").content

    [(start, end)] = instants_by_uid_icalendar(body).values()
    [(other_start, other_end)] = instants_by_uid_vobject(body).values()

    assert start == other_start == CASES[case][2] == page.start
    assert end == other_end == page.end
    assert b"TZID" not in body  # UTC only: nothing for a client to resolve
