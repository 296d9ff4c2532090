"""The public templates of events: the listing (upcoming, past, empty) and the event page."""

import datetime
import zoneinfo

import pytest

from tests.factories import event_page, make_image, member_page, term
from tests.html import assert_sound_page, soup_of


def brussels(*args):
    return datetime.datetime(*args, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))


@pytest.mark.django_db
def test_event_page_shows_local_times_with_the_time_zone_named(client, site_tree):
    from events.models import EventSeries
    from home.models import Topic

    organiser = member_page(site_tree["member_index"], title="GMDAC")
    start = brussels(2031, 6, 25, 14, 0)
    page = event_page(
        site_tree["event_index"],
        title="Private-sector dialogue: mobile data",
        start=start,
        end=start + datetime.timedelta(hours=2),
        time_zone="Europe/Brussels",
        event_type="dialogue",
        series=term(EventSeries, "Private-sector dialogue series"),
        venue="JRC",
        city="Ispra",
        country="IT",
        registration_url="https://example.org/register",
        intro="Companies and statisticians discuss mobile data.",
        organiser_text="GMDAC and the JRC",
        image=make_image(description="The meeting room"),
    )
    page.organisers.set([organiser])
    page.topics.set([term(Topic, "Mobility")])
    page.save()

    soup = assert_sound_page(soup_of(client.get(page.url)))

    assert soup.h1.get_text() == "Private-sector dialogue: mobile data"
    facts = soup.find("section", class_="facts")
    text = facts.get_text(" ", strip=True)
    assert "25 June 2031, 14:00–16:00" in text  # local to the event, not UTC (12:00)
    assert "Europe/Brussels" in text
    assert "JRC, Ispra, Italy" in text
    assert "GMDAC and the JRC" in text
    assert facts.find("a", string="GMDAC")["href"] == organiser.url
    assert "Mobility" in text
    assert facts.find("a", string="Register")["href"] == "https://example.org/register"
    assert facts.find("a", href=page.url + "event.ics") is not None
    assert "Private-sector dialogue series" in soup.find(class_="kicker").get_text()
    img = soup.find("figure", class_="lead-image").img
    assert img["alt"] == "The meeting room" and img["width"] and img["height"]
    assert "page-event" in soup.body["class"]  # print styles apply


@pytest.mark.django_db
def test_event_with_only_a_known_month_shows_no_times(client, site_tree):
    start = brussels(2031, 9, 1, 0, 0)
    page = event_page(
        site_tree["event_index"], start=start, end=start + datetime.timedelta(days=2), date_precision="month"
    )

    soup = soup_of(client.get(page.url))

    when = soup.find("section", class_="facts").find("time")
    assert when.get_text() == "September 2031"
    assert "Time zone" not in soup.find("section", class_="facts").get_text()


@pytest.mark.django_db
def test_past_event_page_says_it_has_taken_place_and_offers_no_registration(client, site_tree):
    page = event_page(
        site_tree["event_index"], days_from_now=-10, is_online=True, registration_url="https://example.org/r"
    )

    soup = assert_sound_page(soup_of(client.get(page.url)))

    assert "This event has taken place." in soup.find(class_="notice").get_text()
    assert soup.find("a", string="Register") is None
    assert "Online" in soup.find("section", class_="facts").get_text()


@pytest.mark.django_db
def test_event_index_lists_upcoming_events_soonest_first(client, site_tree):
    event_page(site_tree["event_index"], title="Later", days_from_now=60)
    event_page(site_tree["event_index"], title="Sooner", days_from_now=5)
    event_page(site_tree["event_index"], title="Over", days_from_now=-5)

    soup = assert_sound_page(soup_of(client.get("/events/")))

    assert [h.get_text(strip=True) for h in soup.select(".card__title")] == ["Sooner", "Later"]
    assert soup.find("a", string="Upcoming")["aria-current"] == "page"
    assert soup.find("link", rel="alternate", type="text/calendar")["href"] == "/events/feed.ics"
    assert "(Europe/Brussels)" in soup.find(class_="card__date").get_text()


@pytest.mark.django_db
def test_event_index_without_upcoming_events_shows_latest_past_ones(client, site_tree):
    event_page(site_tree["event_index"], title="Spring workshop", days_from_now=-30)
    event_page(site_tree["event_index"], title="Winter webinar", days_from_now=-90)

    soup = assert_sound_page(soup_of(client.get("/events/")))

    assert "No upcoming events" in soup.find(class_="empty-state").get_text()
    assert [h.get_text(strip=True) for h in soup.select(".card__title")] == ["Spring workshop", "Winter webinar"]
    assert soup.find("a", string="All past events")["href"] == "/events/?when=past"


@pytest.mark.django_db
def test_event_index_with_no_events_at_all_shows_empty_state(client, site_tree):
    soup = assert_sound_page(soup_of(client.get("/events/")))

    assert "No upcoming events" in soup.find(class_="empty-state").get_text()
    assert not soup.select(".card__title")


@pytest.mark.django_db
def test_past_events_listing_and_its_pagination_keep_when_past(client, site_tree):
    event_page(site_tree["event_index"], title="Still to come", days_from_now=3)
    for days in range(1, 15):
        event_page(site_tree["event_index"], title=f"Past {days}", days_from_now=-days * 7)

    soup = assert_sound_page(soup_of(client.get("/events/?when=past")))

    titles = [h.get_text(strip=True) for h in soup.select(".card__title")]
    assert titles[0] == "Past 1" and len(titles) == 12
    assert "Still to come" not in titles
    assert soup.find("a", string="Past")["aria-current"] == "page"
    next_link = soup.find("nav", class_="pagination").find("a", rel="next")
    assert next_link["href"] == "?when=past&page=2"
    soup = soup_of(client.get("/events/" + next_link["href"]))
    assert [h.get_text(strip=True) for h in soup.select(".card__title")] == ["Past 13", "Past 14"]


def test_event_when_spans_days_in_the_event_time_zone():
    from django.template import Context, Template

    class Event:
        date_precision = "day"
        local_start = brussels(2030, 3, 1, 9, 30)
        local_end = brussels(2030, 3, 2, 17, 0)

    rendered = Template("{% load hub_tags %}{% event_when event %}").render(Context({"event": Event()}))

    assert rendered == "1 March 2030, 09:30 – 2 March 2030, 17:00"
