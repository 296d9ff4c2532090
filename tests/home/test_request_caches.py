"""What the site reads once per content version instead of once per request (the
private sections, the request's Site) still follows every change at once."""

from wagtail.models import PageViewRestriction, Site

import pytest

from tests.factories import entry_page
from tests.html import card_titles, soup_of

pytestmark = pytest.mark.django_db


def test_a_section_made_private_leaves_the_listings_at_once_and_returns(client, site_tree):
    secret = entry_page(site_tree["directory_index"], title="Soon private entry")
    entry_page(site_tree["directory_index"], title="Open entry")
    assert "Soon private entry" in card_titles(soup_of(client.get("/directory/")))

    restriction = PageViewRestriction.objects.create(page=secret, restriction_type="password", password="pw")

    assert card_titles(soup_of(client.get("/directory/?again=1"))) == ["Open entry"]
    response = client.get(secret.url)
    assert "Soon private entry" not in response.content.decode()

    restriction.delete()

    assert "Soon private entry" in card_titles(soup_of(client.get("/directory/?again=2")))
    assert client.get(secret.url).status_code == 200


def test_a_restricted_parent_hides_pages_added_under_it(client, site_tree):
    PageViewRestriction.objects.create(page=site_tree["directory_index"], restriction_type="login")
    entry = entry_page(site_tree["directory_index"], title="Entry under a private section")

    response = client.get(entry.url)

    assert response.status_code == 302 and "login" in response["Location"]
    assert "Entry under a private section" not in client.get("/search/?q=private").content.decode()


def test_a_new_site_root_is_served_at_once(client, site_tree):
    assert client.get("/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = site_tree["news_index"]
    site.save()

    # The news index is now the home page: its own title at the site's root.
    soup = soup_of(client.get("/?after=change"))

    assert soup.h1.get_text(strip=True) == site_tree["news_index"].title
