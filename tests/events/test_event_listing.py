"""The events listing: upcoming by default, past on request, filters by type, series and year."""

import datetime
import zoneinfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from events.models import EventSeries
from tests.factories import event_page, term
from tests.html import soup_of
from tests.shared_data import fresh, page_ids, rolled_back

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def event_ids(module_site_tree, django_db_blocker):
    """The module's events, built once; each test reads them again."""
    with rolled_back(django_db_blocker):
        index = fresh(module_site_tree)["event_index"]
        series = term(EventSeries, "Private-sector dialogue series", slug="dialogue-series")
        hidden = event_page(index, title="Hidden meeting", days_from_now=3)
        PageViewRestriction.objects.create(page=hidden, restriction_type="login")
        events = {
            "soon": event_page(index, title="Soon webinar", days_from_now=5, event_type="webinar"),
            "later": event_page(index, title="Later dialogue", days_from_now=40, event_type="dialogue", series=series),
            "past": event_page(index, title="Past dialogue", days_from_now=-400, event_type="dialogue", series=series),
            "older": event_page(index, title="Older workshop", days_from_now=-800, event_type="workshop"),
            "hidden": hidden,
        }
        yield page_ids(events)


@pytest.fixture
def events(event_ids):
    return {**fresh(event_ids), "year": timezone.now().year}


def titles(response):
    assert response.status_code == 200
    cards = soup_of(response).select("#events-list-heading + ul.card-grid .card__title")
    return [title.get_text(strip=True) for title in cards]


def test_upcoming_events_by_default_soonest_first(client, events):
    assert titles(client.get("/events/")) == ["Soon webinar", "Later dialogue"]


def test_past_events_on_request_latest_first(client, events):
    assert titles(client.get("/events/", {"when": "past"})) == ["Past dialogue", "Older workshop"]


def test_filters_by_type_series_and_year(client, events):
    assert titles(client.get("/events/", {"type": "dialogue"})) == ["Later dialogue"]
    assert titles(client.get("/events/", {"when": "past", "series": "dialogue-series"})) == ["Past dialogue"]
    past_year = events["past"].start.year
    assert "Past dialogue" in titles(client.get("/events/", {"when": "past", "year": past_year}))
    assert titles(client.get("/events/", {"when": "past", "year": 1999})) == []


def test_filter_options_are_offered(client, events):
    filters = client.get("/events/", {"when": "past"}).context["filters"]
    assert ("dialogue-series", "Private-sector dialogue series") in filters["options"]["series"]
    assert {value for value, _ in filters["options"]["year"]} == {
        str(events["past"].start.year),
        str(events["older"].start.year),
    }


def test_restricted_events_are_not_listed(client, events):
    response = client.get("/events/")
    assert "Hidden meeting" not in response.content.decode()
    assert titles(response)[0] == "Soon webinar"


def test_without_upcoming_events_the_latest_past_are_offered(client, events):
    for key in ("soon", "later"):
        events[key].unpublish()
    response = client.get("/events/")
    assert titles(response) == []
    assert [e.title for e in response.context["latest_past_events"]] == ["Past dialogue", "Older workshop"]


def test_listing_shows_dates_in_the_event_time_zone(client, events):
    index = events["soon"].get_parent()
    start = (timezone.now() + datetime.timedelta(days=20)).replace(hour=10, minute=0, second=0, microsecond=0)
    end = start + datetime.timedelta(hours=2)
    event_page(index, title="Tokyo webinar", start=start, end=end, time_zone="Asia/Tokyo")
    cards = soup_of(client.get("/events/")).select(".card--event")
    card = next(card for card in cards if "Tokyo webinar" in card.get_text())
    local = start.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    # 10:00 UTC is 19:00 in Tokyo, on the same day.
    expected = f"{local.day} {local:%B %Y}, 19:00–21:00 (Asia/Tokyo)"
    assert card.select_one(".card__date").get_text(" ", strip=True) == expected


def test_the_cached_listing_follows_publishing(client, events):
    assert titles(client.get("/events/")) == ["Soon webinar", "Later dialogue"]
    index = events["soon"].get_parent()
    event_page(index, title="Newly announced workshop", days_from_now=10, event_type="workshop")
    assert titles(client.get("/events/")) == ["Soon webinar", "Newly announced workshop", "Later dialogue"]
    events["soon"].unpublish()
    assert titles(client.get("/events/")) == ["Newly announced workshop", "Later dialogue"]


def test_a_repeated_listing_uses_the_cache(client, events):
    client.get("/events/?type=dialogue")
    with CaptureQueriesContext(connection) as queries:
        assert titles(client.get("/events/?type=dialogue")) == ["Later dialogue"]
    assert not [q["sql"] for q in queries if "events_eventpage" in q["sql"]]
