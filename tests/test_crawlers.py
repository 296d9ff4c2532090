"""What crawlers and link previews see: sitemap, robots.txt, canonical, Open Graph and JSON-LD."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

from django.template import Context, Template
from django.test import RequestFactory

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import build_site, entry_page, event_page, make_image, member_page, news_page

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def tree():
    tree = build_site()
    tree["entry"] = entry_page(tree["directory_index"], title="Haiti displacement", slug="haiti", countries=["HT"])
    tree["news"] = news_page(tree["news_index"], title="Alliance news", slug="alliance-news", image=make_image())
    tree["event"] = event_page(
        tree["event_index"], title="Dialogue </script><script>alert(1)</script>", slug="dialogue", city="Brussels"
    )
    tree["member"] = member_page(tree["member_index"], title="IOM GMDAC", slug="iom", website="https://gmdac.iom.int")
    tree["private"] = entry_page(tree["directory_index"], title="Private entry", slug="private")
    PageViewRestriction.objects.create(page=tree["private"], restriction_type="login")
    tree["draft"] = entry_page(tree["directory_index"], title="Draft entry", slug="draft", live=False)
    return tree


def test_sitemap_lists_every_public_page_and_nothing_private(client, tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locs = {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in locs}
    for key in ["home", "news_index", "event_index", "member_index", "directory_index", "questions_page"]:
        assert tree[key].url in paths, key
    for key in ["entry", "news", "event", "member"]:
        assert tree[key].url in paths, key
    assert "/directory/private/" not in paths and "/directory/draft/" not in paths


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    # At the Site record's address, as the sitemap's own <loc> links.
    assert "Sitemap: http://localhost/sitemap.xml" in body


def render_meta(page):
    request = RequestFactory().get(page.url)
    template = Template("{% load seo_tags %}{% seo_meta page %}")
    return template.render(Context({"request": request, "page": page}))


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, html
    return json.loads(match.group(1))


def test_news_has_canonical_open_graph_twitter_and_news_article(tree):
    html = render_meta(tree["news"])
    assert '<link rel="canonical" href="http://localhost/news/alliance-news/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:image" content="http://[^"]+\.png">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    data = json_ld(html)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Alliance news"
    assert data["image"].startswith("http")


def test_event_json_ld_is_an_event_and_cannot_break_out_of_its_script(tree):
    html = render_meta(tree["event"])
    assert "</script><script>alert(1)" not in html
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "Dialogue </script><script>alert(1)</script>"
    assert data["startDate"].startswith(str(tree["event"].local_start.date()))
    assert data["location"]["address"]["addressLocality"] == "Brussels"


def test_member_entry_and_directory_types(tree):
    assert json_ld(render_meta(tree["member"]))["@type"] == "Organization"
    entry = json_ld(render_meta(tree["entry"]))
    assert entry["@type"] == "CreativeWork"
    assert entry["spatialCoverage"][0]["identifier"] == "HT"
    directory = json_ld(render_meta(tree["directory_index"]))
    assert directory["@type"] == "Dataset"
    assert {d["encodingFormat"] for d in directory["distribution"]} == {
        "text/csv",
        "application/json",
        "application/vnd.datapackage+json",
    }


def test_pages_render_with_the_meta_tag(client, tree):
    # The tag renders on a real page too (base.html includes it in <head>).
    for key in ["news", "event", "entry", "member", "home"]:
        assert client.get(tree[key].url).status_code == 200
    assert datetime.date.today()
