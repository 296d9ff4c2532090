"""What a page without a photo shows instead: a member's typographic mark, a news
band, an event's date badge; never a generated picture or the word "placeholder"."""

import datetime

from django.utils import timezone

import pytest

from home.models import Topic
from tests.factories import build_site, event_page, make_image, member_page, news_page, term
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_site()


def test_a_member_without_a_logo_gets_a_mark_not_announced_as_an_image(client, tree):
    member_page(tree["member_index"], title="International Organization for Migration", acronym="IOM", slug="iom")
    member_page(tree["member_index"], title="Centre for Data on the Move", slug="cdm")
    cards = soup_of(client.get("/members/")).select(".card--member")
    marks = {card.select_one(".card__title").get_text(strip=True): card.select_one(".member-mark") for card in cards}
    assert marks["Centre for Data on the Move"].get_text(strip=True) == "CDM"
    assert marks["International Organization for Migration (IOM)"].get_text(strip=True) == "IOM"
    for mark in marks.values():
        assert mark["aria-hidden"] == "true"
        assert mark.name == "span" and not mark.has_attr("role")
    assert not [card.find("img") for card in cards if card.find("img")]
    page = soup_of(client.get("/members/iom/"))
    assert page.select_one(".page-header__logo .member-mark")["aria-hidden"] == "true"
    assert page.select_one(".member-mark--page").get_text(strip=True) == "IOM"


def test_a_member_with_a_logo_shows_the_logo_with_empty_alt_on_its_card(client, tree):
    member_page(tree["member_index"], title="Logo member", logo=make_image(title="Logo"))
    card = soup_of(client.get("/members/")).select_one(".card--member")
    assert card.select_one(".member-mark") is None
    assert card.find("img")["alt"] == ""


def test_an_event_card_shows_a_date_badge_hidden_from_screen_readers(client, tree):
    start = datetime.datetime(2031, 3, 7, 10, tzinfo=datetime.UTC)
    event_page(tree["event_index"], title="Spring dialogue", start=start, end=start + datetime.timedelta(hours=2))
    badge = soup_of(client.get("/events/")).select_one(".card--event .date-badge")
    assert badge["aria-hidden"] == "true"
    assert [badge.select_one(f".date-badge__{part}").get_text(strip=True) for part in ("day", "month", "year")] == [
        "7",
        "Mar",
        "2031",
    ]


def test_a_date_known_to_the_year_only_shows_the_year(client, tree):
    start = timezone.now().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    event = event_page(
        tree["event_index"], title="Yearly", start=start, end=start, date_precision="year", time_zone="UTC"
    )
    badge = soup_of(client.get(event.url)).select_one(".page-header .date-badge")
    assert badge.select_one(".date-badge__day") is None and badge.select_one(".date-badge__month") is None
    assert badge.select_one(".date-badge__year").get_text(strip=True) == str(start.year)


def test_news_without_a_photo_gets_a_band_with_its_topic(client, tree):
    topic = term(Topic, "Forced displacement", slug="forced-displacement")
    news_page(tree["news_index"], title="With a topic", topics=[topic])
    news_page(tree["news_index"], title="Without a topic", date=datetime.date(2019, 5, 2))
    cards = {
        card.select_one(".card__title").get_text(strip=True): card
        for card in soup_of(client.get("/news/")).select(".card--news")
    }
    for card in cards.values():
        band = card.select_one(".news-band")
        assert band["aria-hidden"] == "true"
        assert card.find("img") is None
    assert cards["With a topic"].select_one(".news-band__topic").get_text(strip=True) == "Forced displacement"
    assert cards["Without a topic"].select_one(".news-band__topic").get_text(strip=True) == "2019"


def test_no_page_of_the_tree_says_placeholder(client, tree):
    member_page(tree["member_index"], title="A member", slug="a-member")
    for path in ("/", "/members/", "/members/a-member/", "/news/", "/events/", "/directory/", "/questions/"):
        text = client.get(path).content.decode().lower()
        assert "placeholder" not in text, path
    search = soup_of(client.get("/")).select_one("#site-search-q")
    assert search.find_previous("label")["for"] == "site-search-q"
