"""The directory's cards and the shared page parts are rendered once and reused
until content changes; every change a visitor may see shows at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from directory.models import DataSource
from tests.factories import entry_page, make_image, term
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(site_tree):
    source = term(DataSource, "Satellite imagery")
    return [
        entry_page(
            site_tree["directory_index"],
            title=f"Camp mapping {number}",
            slug=f"camp-{number}",
            data_sources=[source],
            image=make_image(description=f"Camp {number} from above"),
        )
        for number in range(3)
    ]


def test_a_repeated_listing_reuses_its_cards_without_loading_the_entries(client, entries):
    first = client.get("/directory/")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/directory/")
    assert second.content == first.content
    card_tables = ("directory_directoryentrypage_data_sources", "home_hubrendition", "directory_entrycountry")
    assert not [q["sql"] for q in queries if any(table in q["sql"] for table in card_tables)]


def test_a_card_shows_a_published_change_at_once(client, entries):
    assert "Camp mapping 1" in client.get("/directory/").content.decode()
    entries[1].title = "Tents counted from space"
    entries[1].save_revision().publish()
    page = client.get("/directory/").content.decode()
    assert "Tents counted from space" in page
    assert "Camp mapping 1" not in page


def test_a_card_of_a_page_made_private_disappears_at_once(client, entries):
    assert "Camp mapping 2" in client.get("/directory/").content.decode()
    PageViewRestriction.objects.create(page=entries[2], restriction_type=PageViewRestriction.LOGIN)
    assert "Camp mapping 2" not in client.get("/directory/").content.decode()


def test_the_footer_follows_site_settings(client, entries):
    from wagtail.models import Site

    from home.models import SiteSettings

    client.get("/directory/camp-0/")
    row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    row.contact_email = "secretariat@example.org"
    row.save()
    assert "secretariat@example.org" in client.get("/directory/camp-0/").content.decode()


def test_breadcrumbs_and_sharing_metadata_follow_a_retitled_page(client, entries):
    entry = entries[0]
    client.get("/directory/camp-0/")
    index = entry.get_parent().specific
    index.title = "Data Innovation Directory"
    index.save_revision().publish()
    entry.seo_title = "Mapping camps with satellites"
    entry.save_revision().publish()
    page = client.get("/directory/camp-0/").content.decode()
    assert '<a href="/directory/">Data Innovation Directory</a>' in page
    assert '<meta property="og:title" content="Mapping camps with satellites">' in page


def test_a_preview_never_reads_or_fills_the_fragment_cache(client, entries):
    entry = entries[0]
    client.get("/directory/camp-0/")
    entry.seo_title = "A draft sharing title"
    entry.save_revision()
    preview = entry.get_latest_revision_as_object().make_preview_request()
    preview.render()
    assert preview.status_code == 200
    assert '<meta property="og:title" content="A draft sharing title">' in preview.content.decode()
    assert "A draft sharing title" not in client.get("/directory/camp-0/").content.decode()


def test_each_page_keeps_its_own_header_with_its_section_marked(client, site_tree):
    for key in ("directory_index", "event_index"):
        site_tree[key].show_in_menus = True
        site_tree[key].save_revision().publish()
    for path, current in [("/directory/", "Directory"), ("/events/", "Events"), ("/directory/", "Directory")]:
        menu = soup_of(client.get(path)).find("nav", attrs={"aria-label": "Main"})
        assert [a.get_text(strip=True) for a in menu.select("[aria-current=page]")] == [current], path


def test_active_filters_name_every_chosen_value_in_the_panel_order(client, site_tree):
    from directory.models import Region

    source = term(DataSource, "Call detail records", slug="cdr")
    region = term(Region, "Latin America & Caribbean", slug="lac")
    entry_page(
        site_tree["directory_index"],
        title="Flows after the earthquake",
        data_sources=[source],
        regions=[region],
        countries=["HT", "DO"],
        year_started=2010,
    )
    soup = soup_of(client.get("/directory/?year=2010&country=HT&country=DO&region=lac&data_source=cdr&q=flows"))
    links = soup.find("div", class_="active-filters").find_all("a")
    assert [link.get_text(" ", strip=True) for link in links] == [
        "“flows” ×",
        "Call detail records ×",
        "Latin America & Caribbean ×",
        "Dominican Republic ×",
        "Haiti ×",
        "2010 ×",
    ]
    assert links[4]["aria-label"] == "Remove filter Country: Haiti"


def test_every_page_of_a_listing_shows_its_facet_panel(client, site_tree):
    """The panel is kept per listing, so page 2 reuses page 1's; a new filter gets its own."""
    source = term(DataSource, "Satellite imagery")
    for number in range(25):
        entry_page(site_tree["directory_index"], title=f"Camp {number:02d}", data_sources=[source])
    first = soup_of(client.get("/directory/?data_source=satellite-imagery"))
    second = soup_of(client.get("/directory/?data_source=satellite-imagery&page=2"))
    assert second.find("form", class_="facets") == first.find("form", class_="facets")
    assert len(second.select(".card__title")) == 5
    unfiltered = soup_of(client.get("/directory/?page=2")).find("form", class_="facets")
    assert not unfiltered.find("input", attrs={"value": "satellite-imagery"}).has_attr("checked")


def test_facet_labels_are_escaped(client, site_tree):
    source = term(DataSource, '<b>Call</b> records & "CDR"', slug="cdr")
    entry_page(site_tree["directory_index"], title="Flows", data_sources=[source])
    page = client.get("/directory/?data_source=cdr").content.decode()
    assert "<b>Call</b>" not in page
    assert "&lt;b&gt;Call&lt;/b&gt; records &amp; &quot;CDR&quot; <span" in page
