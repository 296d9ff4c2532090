"""A member page shows a bounded part of what the member takes part in, with links
to the directory and the events filtered by that member for the rest."""

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.factories import entry_page, event_page, member_page, news_page
from tests.html import card_titles, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_member(site_tree):
    member = member_page(site_tree["member_index"], title="Busy member", slug="busy-member")
    other = member_page(site_tree["member_index"], title="Other member", slug="other-member")
    for number in range(8):
        entry_page(
            site_tree["directory_index"],
            title=f"Busy entry {number}",
            year_started=2010 + number,
            organisations=[("Busy member", member)],
        )
    entry_page(site_tree["directory_index"], title="Someone else's entry", organisations=[("Other", other)])
    for number in range(7):
        event = event_page(site_tree["event_index"], title=f"Busy event {number}", days_from_now=10 + number)
        event.organisers.set([member])
        event.save()
    event_page(site_tree["event_index"], title="Unrelated event", days_from_now=5)
    for number in range(9):
        news = news_page(site_tree["news_index"], title=f"Busy news {number}")
        news.related_members.set([member])
        news.save()
    return member


def section_titles(soup, heading_id):
    return card_titles(soup.find("h2", id=heading_id).parent)


def link_to(soup, text):
    link = soup.find("a", string=lambda value: value and text in value)
    assert link is not None, text
    return link["href"]


def test_member_page_shows_six_of_each_and_links_to_the_rest(client, busy_member):
    soup = soup_of(client.get(busy_member.url))

    # The newest entries first, six of them.
    assert section_titles(soup, "member-entries-heading") == [f"Busy entry {n}" for n in range(7, 1, -1)]
    assert len(section_titles(soup, "member-events-heading")) == 6
    assert len(section_titles(soup, "member-news-heading")) == 6
    directory = urlsplit(link_to(soup, "See all 8 in the directory"))
    assert directory.path == "/directory/" and parse_qsl(directory.query) == [("member", "busy-member")]
    events = urlsplit(link_to(soup, "See all 7 events"))
    assert events.path == "/events/" and parse_qsl(events.query) == [("organiser", "busy-member")]


def test_member_page_with_few_entries_has_no_see_all_link(client, site_tree):
    member = member_page(site_tree["member_index"], title="Small member")
    entry_page(site_tree["directory_index"], title="Only entry", organisations=[("Small", member)])

    soup = soup_of(client.get(member.url))

    assert section_titles(soup, "member-entries-heading") == ["Only entry"]
    assert "See all" not in soup.get_text()


def test_directory_filtered_by_member_lists_its_entries_and_keeps_the_filter(client, busy_member):
    soup = soup_of(client.get("/directory/?member=busy-member"))

    assert sorted(card_titles(soup)) == [f"Busy entry {n}" for n in range(8)]
    # The filter shows as a removable tag and survives the filter form.
    remove = soup.find("a", attrs={"aria-label": "Remove filter Member: Busy member"})
    assert remove is not None and "member=" not in remove["href"]
    assert soup.find("input", attrs={"type": "hidden", "name": "member", "value": "busy-member"})


def test_directory_ignores_an_unknown_member(client, busy_member):
    response = client.get("/directory/?member=no-such-member")

    assert response.status_code == 200
    assert "Someone else's entry" in card_titles(soup_of(response))


def test_events_filtered_by_organiser(client, busy_member):
    soup = soup_of(client.get("/events/?organiser=busy-member"))

    assert sorted(card_titles(soup)) == [f"Busy event {n}" for n in range(7)]
    assert "Organised by Busy member" in soup.get_text()
    past = soup.find("a", string="Past")["href"]
    assert ("organiser", "busy-member") in parse_qsl(urlsplit(past).query)
    # An unknown organiser is ignored.
    assert "Unrelated event" in card_titles(soup_of(client.get("/events/?organiser=nobody")))


def test_member_page_shows_a_new_entry_at_once(client, busy_member, site_tree):
    client.get(busy_member.url)
    entry_page(
        site_tree["directory_index"], title="Newest entry", year_started=2030, organisations=[("Busy", busy_member)]
    )

    soup = soup_of(client.get(busy_member.url))

    assert section_titles(soup, "member-entries-heading")[0] == "Newest entry"
    assert "See all 9 in the directory" in soup.get_text()
