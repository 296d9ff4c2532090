"""Absolute URLs name the site's real address (WAGTAILADMIN_BASE_URL), whatever
host a request arrives under: the demo loader and `manage.py set_site_address`
keep the default Site record at that address."""

import csv
import io
import re

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page, Site

import feedparser
import icalendar
import pytest

from home.demo.tree import ensure_home
from home.demo.upsert import Tally
from home.models import HomePage
from tests.factories import build_site, entry_page, event_page, make_image, news_page
from tests.html import soup_of

pytestmark = pytest.mark.django_db

ADDRESS = "https://hub.example.org"


@pytest.fixture
def public_address(settings):
    # In production both come from the one WAGTAILADMIN_BASE_URL variable (hub/settings/base.py).
    settings.WAGTAILADMIN_BASE_URL = ADDRESS
    settings.WAGTAILAPI_BASE_URL = ADDRESS
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def tree(public_address):
    tree = build_site()
    tree["news"] = news_page(tree["news_index"], title="Alliance news", slug="alliance-news")
    tree["event"] = event_page(tree["event_index"], title="Dialogue", slug="dialogue")
    tree["entry"] = entry_page(tree["directory_index"], title="Haiti", slug="haiti")
    call_command("set_site_address", stdout=io.StringIO())
    return tree


def _on_the_site(url):
    return url.startswith(f"{ADDRESS}/") and "localhost" not in url


def test_canonical_link_and_og_url_use_the_site_address(client, tree):
    soup = soup_of(client.get("/news/alliance-news/"))
    canonical = soup.find("link", rel="canonical")["href"]
    og_url = soup.find("meta", property="og:url")["content"]
    assert canonical == og_url == f"{ADDRESS}/news/alliance-news/"
    assert "localhost" not in str(soup)


def test_social_image_and_structured_data_use_the_site_address(client, tree):
    tree["news"].image = make_image(title="Flooded town")
    tree["news"].save_revision().publish()
    # Whatever Host the request came under (a proxy, an internal address), links name the public site.
    soup = soup_of(client.get("/news/alliance-news/", HTTP_HOST="127.0.0.1"))
    og_image = soup.find("meta", property="og:image")["content"]
    assert _on_the_site(og_image) and "/media/images/" in og_image
    urls = re.findall(r'"(https?://[^"]+)"', soup.find("script", type="application/ld+json").string)
    urls = [url for url in urls if not url.startswith("https://schema.org")]
    assert urls and all(_on_the_site(url) for url in urls), urls


def test_robots_txt_names_the_sitemap_at_the_site_address(client, tree):
    body = client.get("/robots.txt", HTTP_HOST="127.0.0.1").content.decode()
    assert f"Sitemap: {ADDRESS}/sitemap.xml" in body


def test_sitemap_locations_use_the_site_address(client, tree):
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    assert f"{ADDRESS}/news/alliance-news/" in locations
    assert locations and all(_on_the_site(url) for url in locations), locations


@pytest.mark.parametrize("path", ["/news/feed/", "/news/atom/"])
def test_feed_links_use_the_site_address(client, tree, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    links = [feed.feed.link] + [link["href"] for link in feed.feed.get("links", [])]
    links += [entry.link for entry in feed.entries] + [entry.id for entry in feed.entries]
    assert f"{ADDRESS}/news/alliance-news/" in links
    assert all(_on_the_site(url) for url in links), links
    assert "testserver" not in response.content.decode() and "localhost" not in response.content.decode()


def test_api_urls_use_the_site_address(client, tree):
    listing = client.get("/api/v2/pages/", {"type": "home.NewsPage"}).json()
    meta = listing["items"][0]["meta"]
    assert meta["html_url"] == f"{ADDRESS}/news/alliance-news/"
    assert _on_the_site(meta["detail_url"])
    detail = client.get(f"/api/v2/pages/{tree['news'].pk}/").json()
    assert detail["meta"]["html_url"] == f"{ADDRESS}/news/alliance-news/"
    assert _on_the_site(detail["meta"]["parent"]["meta"]["html_url"])


def test_export_urls_use_the_site_address(client, tree):
    rows = list(csv.DictReader(io.StringIO(client.get("/directory/export.csv").content.decode())))
    assert [row["url"] for row in rows] == [f"{ADDRESS}/directory/haiti/"]
    entries = client.get("/directory/export.json").json()["entries"]
    assert [entry["url"] for entry in entries] == [f"{ADDRESS}/directory/haiti/"]


def test_ical_url_and_uid_use_the_site_address(client, tree):
    for path in ["/events/feed.ics", "/events/dialogue/event.ics"]:
        calendar = icalendar.Calendar.from_ical(client.get(path).content)
        (event,) = calendar.walk("VEVENT")
        assert str(event["url"]) == f"{ADDRESS}/events/dialogue/"
        assert str(event["uid"]) == f"event-{tree['event'].pk}@hub.example.org"


def test_command_updates_the_existing_site_and_a_second_run_changes_nothing(public_address):
    home = build_site()["home"]
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()
    out = io.StringIO()
    call_command("set_site_address", stdout=out)
    assert "now answers at https://hub.example.org/" in out.getvalue()
    updated = Site.objects.get()
    assert (updated.pk, updated.hostname, updated.port, updated.root_page_id) == (
        site.pk,
        "hub.example.org",
        443,
        home.pk,
    )
    assert updated.root_url == ADDRESS

    out = io.StringIO()
    call_command("set_site_address", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert list(Site.objects.values_list("pk", "hostname", "port")) == [(site.pk, "hub.example.org", 443)]


def test_command_creates_the_site_when_there_is_none(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://hub.example.org:8000"
    home = build_site()["home"]
    Site.objects.all().delete()
    call_command("set_site_address", stdout=io.StringIO())
    site = Site.objects.get()
    assert (site.hostname, site.port, site.is_default_site, site.root_page_id) == (
        "hub.example.org",
        8000,
        True,
        home.pk,
    )
    assert site.root_url == "http://hub.example.org:8000"


@pytest.mark.parametrize(
    "address", ["https://hub.example.org:8443", "ftp://hub.example.org", "https://hub.example.org/hub/", "hub"]
)
def test_command_refuses_an_address_the_site_cannot_have(settings, address):
    settings.WAGTAILADMIN_BASE_URL = address
    build_site()
    before = list(Site.objects.values_list("hostname", "port"))
    with pytest.raises(CommandError, match="WAGTAILADMIN_BASE_URL"):
        call_command("set_site_address", stdout=io.StringIO())
    assert list(Site.objects.values_list("hostname", "port")) == before


def test_demo_loader_puts_the_default_site_at_the_address(public_address):
    Site.objects.update(hostname="localhost", port=80)
    home, site = ensure_home(tally=Tally())
    assert isinstance(home, HomePage)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("hub.example.org", 443, home.pk)
    assert Page.objects.get(pk=home.pk).full_url == f"{ADDRESS}/"
    # A second run leaves the record as it is.
    tally = Tally()
    ensure_home(tally=tally)
    assert tally.notes == []
    assert Site.objects.get(is_default_site=True).root_url == ADDRESS
