"""Events known only to the day, month or year are shown and exported as such:
"June 2019", "2019", never an invented 1 January 09:00 (issue 9, item 9)."""

import datetime
import json
import zoneinfo

from django.urls import reverse

from wagtail.models import Locale

import icalendar
import pytest
from bs4 import BeautifulSoup

from events.models import EventPage
from tests.factories import event_page
from tests.html import assert_sound_page, soup_of
from tests.utils import editor_form_data

pytestmark = pytest.mark.django_db


def partial_event(parent, first, last, *, precision, time_zone="Europe/London", **kwargs):
    """An event from days as the reference data gives them, stored as the loader and the admin store them."""
    start, end = EventPage.instants(
        datetime.datetime.combine(first, datetime.time.min),
        datetime.datetime.combine(last, datetime.time.min),
        precision=precision,
        time_zone=time_zone,
    )
    return event_page(parent, start=start, end=end, time_zone=time_zone, date_precision=precision, **kwargs)


def json_ld(soup):
    return json.loads(soup.find("script", type="application/ld+json").string)


def facts(soup):
    return soup.find("section", class_="facts")


@pytest.fixture
def events(site_tree):
    index = site_tree["event_index"]
    return {
        "month": partial_event(
            index, datetime.date(2019, 6, 1), datetime.date(2019, 6, 1), precision="month", title="June workshop"
        ),
        "year": partial_event(
            index, datetime.date(2019, 1, 1), datetime.date(2019, 1, 1), precision="year", title="Dialogue series"
        ),
        "day": partial_event(
            index, datetime.date(2016, 12, 1), datetime.date(2016, 12, 3), precision="day", title="Berlin conference"
        ),
        "future-month": partial_event(
            index, datetime.date(2031, 9, 1), datetime.date(2031, 9, 1), precision="month", title="Autumn dialogue"
        ),
        "future-day": partial_event(
            index, datetime.date(2031, 10, 7), datetime.date(2031, 10, 7), precision="day", title="October webinar"
        ),
    }


@pytest.mark.parametrize(
    ("key", "shown", "iso"),
    [("month", "June 2019", "2019-06"), ("year", "2019", "2019"), ("day", "1 December 2016 – 3 December 2016", None)],
)
def test_event_page_shows_only_what_is_known_of_the_date(client, events, key, shown, iso):
    page = events[key]

    soup = assert_sound_page(soup_of(client.get(page.url)))

    time = facts(soup).find("time")
    assert time.get_text() == shown
    assert time["datetime"] == (iso or "2016-12-01")
    text = facts(soup).get_text(" ", strip=True)
    assert "09:00" not in text and "00:00" not in text and "1 January" not in text
    assert "Time zone" not in text


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [("month", "2019-06", "2019-06"), ("year", "2019", "2019"), ("day", "2016-12-01", "2016-12-03")],
)
def test_json_ld_dates_are_as_precise_as_known(client, events, key, start, end):
    data = json_ld(soup_of(client.get(events[key].url)))

    assert (data["startDate"], data["endDate"]) == (start, end)


def test_cards_show_the_month_or_year_without_a_time_or_zone(client, events):
    soup = soup_of(client.get("/events/?when=past"))

    dates = {
        card.find(class_="card__title").get_text(strip=True): card.find(class_="card__date")
        for card in soup.select(".card")
    }
    assert dates["June workshop"].get_text(strip=True) == "June 2019"
    assert dates["June workshop"].time["datetime"] == "2019-06"
    assert dates["Dialogue series"].get_text(strip=True) == "2019"
    assert dates["Berlin conference"].get_text(strip=True) == "1 December 2016 – 3 December 2016"
    assert "Europe/London" not in soup.find(class_="card-grid").get_text()


def test_an_event_known_to_the_day_is_an_all_day_calendar_entry(client, events):
    calendar = icalendar.Calendar.from_ical(client.get(events["day"].url + "event.ics").content)

    [vevent] = calendar.walk("VEVENT")
    assert vevent["dtstart"].to_ical() == b"20161201" and vevent["dtstart"].params["VALUE"] == "DATE"
    assert vevent.decoded("dtend") == datetime.date(2016, 12, 4)  # DTEND of an all-day entry is the day after


def test_events_known_only_to_the_month_or_year_are_not_in_calendars(client, events):
    assert client.get(events["month"].url + "event.ics").status_code == 404
    assert client.get(events["year"].url + "event.ics").status_code == 404
    soup = soup_of(client.get(events["month"].url))
    assert facts(soup).find("a", string="Add to calendar (.ics)") is None

    feed = icalendar.Calendar.from_ical(client.get("/events/feed.ics").content)
    [vevent] = feed.walk("VEVENT")
    assert str(vevent["summary"]) == "October webinar"
    assert vevent.decoded("dtstart") == datetime.date(2031, 10, 7)


def test_the_api_gives_dates_as_precisely_as_known(client, events):
    for key, start, end in [
        ("month", "2019-06", "2019-06"),
        ("year", "2019", "2019"),
        ("day", "2016-12-01", "2016-12-03"),
    ]:
        data = client.get(f"/api/v2/pages/{events[key].pk}/").json()
        assert (data["start"], data["end"], data["date_precision"]) == (start, end, key)


def test_an_event_with_a_time_keeps_it_in_the_api(client, site_tree):
    start = datetime.datetime(2031, 6, 12, 7, tzinfo=datetime.UTC)
    page = event_page(site_tree["event_index"], start=start, end=start, time_zone="Europe/Paris")

    data = client.get(f"/api/v2/pages/{page.pk}/").json()

    assert (data["start"], data["date_precision"]) == ("2031-06-12T09:00:00+02:00", "datetime")


def test_admin_widens_a_month_precision_event_to_the_month(client, site_tree, superuser):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", site_tree["event_index"].pk])
    data = editor_form_data(
        client,
        url,
        title="Workshop in July",
        slug="july",
        start="2019-07-01 00:00",
        end="2019-07-01 00:00",
        time_zone="Europe/London",
        date_precision="month",
        event_type="workshop",
        intro="Known to the month.",
        city="London",
    )
    data["action-publish"] = "action-publish"

    assert client.post(url, data).status_code == 302

    page = EventPage.objects.get(slug="july")
    london = zoneinfo.ZoneInfo("Europe/London")
    assert page.local_start == datetime.datetime(2019, 7, 1, tzinfo=london)
    assert page.local_end.date() == datetime.date(2019, 7, 31)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert facts(soup).find("time").get_text() == "July 2019"


def test_demo_loader_keeps_partial_dates_of_the_reference_events(client, site_tree):
    from home.demo.loader import Tally, load_events

    events = load_events({"events": site_tree["event_index"]}, {}, locale=Locale.get_default(), tally=Tally())

    ucl = events["ucl-big-data-migration-workshop-2019"]  # "2019-07" in the reference data
    series = events["bd4m-private-sector-dialogue-series"]  # "2020", no end date
    berlin = events["improving-data-international-migration-berlin-2016"]  # 1 to 3 December 2016
    assert (ucl.date_precision, series.date_precision, berlin.date_precision) == ("month", "year", "day")
    assert (ucl.local_start.date(), ucl.local_end.date()) == (datetime.date(2019, 7, 1), datetime.date(2019, 7, 31))
    assert (series.local_start.date(), series.local_end.date()) == (
        datetime.date(2020, 1, 1),
        datetime.date(2020, 12, 31),
    )
    assert facts(soup_of(client.get(ucl.url))).find("time").get_text() == "July 2019"
    assert facts(soup_of(client.get(series.url))).find("time").get_text() == "2020"
    assert json_ld(soup_of(client.get(series.url)))["startDate"] == "2020"
    berlin_text = facts(soup_of(client.get(berlin.url))).get_text(" ", strip=True)
    assert "1 December 2016 – 3 December 2016" in berlin_text and "09:00" not in berlin_text
