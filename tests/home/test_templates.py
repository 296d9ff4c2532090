"""The public templates of the home app and the site chrome (base, header, footer, errors)."""

import datetime

from django.template import Context, Template

import pytest
from bs4 import BeautifulSoup

from tests.factories import entry_page, event_page, make_image, member_page, news_page, term
from tests.html import assert_sound_page, soup_of

# --- fixtures ---------------------------------------------------------------------------------


# --- site chrome ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_main_menu_lists_pages_shown_in_menus_and_marks_the_current_one(client, site_tree):
    news_index = site_tree["news_index"]
    news_index.show_in_menus = True
    news_index.save()
    site_tree["event_index"].show_in_menus = True
    site_tree["event_index"].save()

    soup = assert_sound_page(soup_of(client.get("/news/")))

    menu = soup.find("nav", attrs={"aria-label": "Main"})
    labels = [link.get_text(strip=True) for link in menu.find_all("a")]
    assert labels == ["News", "Events"]
    assert menu.find("a", string="News")["aria-current"] == "page"
    assert not menu.find("a", string="Events").has_attr("aria-current")
    assert "Members" not in labels  # not marked "show in menus"


@pytest.mark.django_db
def test_pages_have_breadcrumbs_canonical_link_and_description(client, site_tree):
    page = news_page(site_tree["news_index"], title="Alliance meets", intro="The alliance met in Ispra.")

    soup = assert_sound_page(soup_of(client.get(page.url)))

    trail = soup.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert [a.get_text() for a in trail.find_all("a")] == ["BD4M Hub", "News"]
    assert trail.find(attrs={"aria-current": "page"}).get_text() == "Alliance meets"
    assert soup.find("link", rel="canonical")["href"].endswith(page.url)
    assert soup.find("meta", attrs={"name": "description"})["content"] == "The alliance met in Ispra."
    assert soup.title.get_text() == "Alliance meets | BD4M Hub"


@pytest.mark.django_db
def test_unknown_url_answers_404_page_without_debug_details(client, site_tree):
    response = client.get("/no-such-page/at-all/")

    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert_sound_page(soup)
    assert soup.h1.get_text() == "Page not found"
    text = response.content.decode()
    for leak in ("Traceback", "Request Method", "URLconf", "wagtail_serve", "Raised by"):
        assert leak not in text
    assert soup.find("form", attrs={"role": "search"})["action"] == "/search/"


@pytest.mark.django_db
def test_500_template_renders_without_database_or_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.get_text() == "Something went wrong"
    assert soup.find("main", id="main") is not None


# --- home page --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_shows_hero_entries_news_events_and_members(client, site_tree):
    from directory.models import DataSource

    home = site_tree["home"]
    home.hero_heading = "Data on migration, responsibly"
    home.hero_text = "A network for data innovation."
    home.hero_image = make_image(description="Refugees crossing a border")
    home.save()
    source = term(DataSource, "Satellite imagery")
    entry_page(site_tree["directory_index"], title="Counting tents from space", data_sources=[source])
    news_page(site_tree["news_index"], title="New members join")
    event_page(site_tree["event_index"], title="Private-sector dialogue")
    member_page(site_tree["member_index"], title="Flowminder")

    soup = assert_sound_page(soup_of(client.get("/")))

    assert soup.h1.get_text() == "Data on migration, responsibly"
    text = soup.get_text()
    for expected in (
        "A network for data innovation.",
        "Counting tents from space",
        "Satellite imagery",
        "New members join",
        "Private-sector dialogue",
        "Flowminder",
    ):
        assert expected in text
    hero_img = soup.find(class_="hero").find("img")
    assert hero_img["alt"] == "Refugees crossing a border"
    assert hero_img["loading"] == "eager"
    assert soup.find("a", string="Submit a directory entry")["href"] == "/directory/submit/"
    assert soup.find("link", rel="alternate", type="application/rss+xml")["href"] == "/news/feed/"


@pytest.mark.django_db
def test_home_page_without_upcoming_events_says_so_and_shows_latest_past(client, site_tree):
    event_page(site_tree["event_index"], title="Last year's workshop", days_from_now=-300)

    soup = assert_sound_page(soup_of(client.get("/")))

    events = soup.find(id="events-heading").find_parent("section")
    assert "No upcoming events" in events.get_text()
    assert "Last year's workshop" in events.get_text()


@pytest.mark.django_db
def test_home_page_with_nothing_published_shows_empty_states(client, site_tree):
    soup = assert_sound_page(soup_of(client.get("/")))

    empty = [block.get_text(" ", strip=True) for block in soup.find_all(class_="empty-state")]
    assert any("No directory entries yet" in text for text in empty)
    assert any("No upcoming events" in text for text in empty)
    assert any("No news yet" in text for text in empty)


# --- standard page and body blocks ------------------------------------------------------------


@pytest.mark.django_db
def test_standard_page_renders_every_body_block(client, site_tree):
    from home.models import StandardPage

    image = make_image(description="Default alt")
    page = site_tree["home"].add_child(
        instance=StandardPage(
            title="About the alliance",
            slug="about",
            intro="Who we are.",
            body=[
                {"type": "heading", "value": "Our aims"},
                {"type": "paragraph", "value": "<p>We foster <b>responsible</b> data innovation.</p>"},
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "decorative": False, "alt_text": "Members at the workshop"},
                        "caption": "Ispra, 2018",
                    },
                },
                {"type": "quote", "value": {"text": "Data saves lives.", "attribution": "A member"}},
                {
                    "type": "call_to_action",
                    "value": {
                        "heading": "Join us",
                        "text": "Apply today.",
                        "link_url": "https://example.org/join",
                        "link_label": "Apply",
                    },
                },
                {
                    "type": "video_link",
                    "value": {"title": "Launch event", "url": "https://example.org/video", "duration": "12 min"},
                },
                {
                    "type": "table",
                    "value": {
                        "data": [["Year", "Members"], ["2018", "20"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "Growth",
                    },
                },
                {
                    "type": "accordion",
                    "value": {
                        "heading": "FAQ",
                        "items": [{"question": "Who can join?", "answer": "<p>Anyone working on data.</p>"}],
                    },
                },
            ],
        )
    )

    soup = assert_sound_page(soup_of(client.get(page.url)))

    assert soup.h1.get_text() == "About the alliance"
    assert "Who we are." in soup.find(class_="lead").get_text()
    assert soup.find("h2", string="Our aims") is not None
    assert soup.find("b", string="responsible") is not None
    figure = soup.find("figure", class_="block-image")
    assert figure.img["alt"] == "Members at the workshop"  # the block's contextual alt text
    assert figure.img["loading"] == "lazy"
    assert figure.find("source", type="image/webp") is not None
    assert "Ispra, 2018" in figure.figcaption.get_text()
    assert "Data saves lives." in soup.find("blockquote").get_text()
    assert soup.find("a", string="Apply")["href"] == "https://example.org/join"
    assert soup.find("a", href="https://example.org/video") is not None
    table = soup.find("table")
    assert table.caption.get_text(strip=True) == "Growth"
    assert [th.get_text(strip=True) for th in table.find_all("th")] == ["Year", "Members"]
    details = soup.find("details", class_="accordion__item")
    assert details.summary.get_text() == "Who can join?"


@pytest.mark.django_db
def test_decorative_images_get_empty_alt_text(client, site_tree):
    from home.models import StandardPage

    image = make_image(description="Should not be read")
    image.is_decorative = True
    image.save()
    page = site_tree["home"].add_child(instance=StandardPage(title="Objectives", slug="objectives", image=image))

    soup = assert_sound_page(soup_of(client.get(page.url)))

    img = soup.find("figure", class_="lead-image").img
    assert img["alt"] == ""


# --- news -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_news_page_shows_date_intro_topics_image_and_feed_links(client, site_tree):
    from home.models import Topic

    topic = term(Topic, "Displacement")
    member = member_page(site_tree["member_index"], title="Flowminder")
    entry = entry_page(site_tree["directory_index"], title="Haiti call records")
    page = news_page(
        site_tree["news_index"],
        related_members=[member],
        related_entries=[entry],
        title="Mobile data after the earthquake",
        date=datetime.date(2018, 6, 25),
        intro="Phone records showed where people went.",
        image=make_image(description="A map of movements"),
        topics=[topic],
    )

    soup = assert_sound_page(soup_of(client.get(page.url)))

    assert soup.h1.get_text() == "Mobile data after the earthquake"
    assert soup.find("time").get_text() == "25 June 2018"
    assert soup.find("time")["datetime"] == "2018-06-25"
    assert "Phone records showed where people went." in soup.get_text()
    assert "Displacement" in soup.find("ul", class_="tags").get_text()
    img = soup.find("figure", class_="lead-image").img
    assert img["alt"] == "A map of movements" and img["width"] and img["height"]
    feeds = {link["type"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert feeds == {"application/rss+xml": "/news/feed/", "application/atom+xml": "/news/atom/"}
    related = soup.find("section", class_="related")
    assert related.find("a", string="Flowminder")["href"] == member.url
    assert related.find("a", string="Haiti call records")["href"] == entry.url


@pytest.mark.django_db
def test_news_dates_show_only_what_is_known(client, site_tree):
    page = news_page(site_tree["news_index"], date=datetime.date(2018, 6, 1), date_precision="month")

    soup = soup_of(client.get(page.url))

    assert soup.find("time").get_text() == "June 2018"


def test_precise_date_formats_day_month_and_year():
    rendered = Template(
        "{% load hub_tags %}{{ d|precise_date:'day' }}|{{ d|precise_date:'month' }}|{{ d|precise_date:'year' }}"
    ).render(Context({"d": datetime.date(2018, 6, 25)}))

    assert rendered == "25 June 2018|June 2018|2018"


@pytest.mark.django_db
def test_news_index_lists_news_and_filters_by_topic(client, site_tree):
    from home.models import Topic

    topic = term(Topic, "Labour migration")
    news_page(site_tree["news_index"], title="On topic", topics=[topic])
    news_page(site_tree["news_index"], title="Off topic")

    soup = assert_sound_page(soup_of(client.get("/news/")))
    titles = [h3.get_text(strip=True) for h3 in soup.select(".card__title")]
    assert set(titles) == {"On topic", "Off topic"}
    assert soup.find("link", rel="alternate", type="application/atom+xml")["href"] == "/news/atom/"

    soup = assert_sound_page(soup_of(client.get("/news/?topic=labour-migration")))
    titles = [h3.get_text(strip=True) for h3 in soup.select(".card__title")]
    assert titles == ["On topic"]
    assert soup.find("a", attrs={"aria-current": "page"}, string="Labour migration") is not None


@pytest.mark.django_db
def test_news_pagination_links_keep_the_topic_filter(client, site_tree):
    from home.models import Topic

    topic = term(Topic, "Climate")
    for day in range(1, 15):
        news_page(site_tree["news_index"], date=datetime.date(2024, 1, day), topics=[topic])

    soup = assert_sound_page(soup_of(client.get("/news/?topic=climate")))

    assert len(soup.select(".card__title")) == 12
    next_link = soup.find("nav", class_="pagination").find("a", rel="next")
    assert next_link["href"] == "?topic=climate&page=2"
    soup = soup_of(client.get("/news/" + next_link["href"]))
    assert len(soup.select(".card__title")) == 2


@pytest.mark.django_db
def test_news_index_without_news_shows_empty_state(client, site_tree):
    soup = assert_sound_page(soup_of(client.get("/news/")))

    assert "No news yet" in soup.find(class_="empty-state").get_text()


@pytest.mark.django_db
def test_mobile_menu_button_is_progressive_enhancement(client, site_tree):
    soup = soup_of(client.get("/"))

    button = soup.find("button", class_="nav-toggle")
    # The stylesheet shows the button (and folds the menu) only under html.js,
    # which early.js sets in <head> before the first paint: without JavaScript
    # the menu simply stays open, with it nothing moves when nav.js runs.
    assert not button.has_attr("hidden")
    assert button["aria-expanded"] == "false"
    assert soup.find(id=button["aria-controls"]).name == "nav"
    early = soup.head.find("script", src="/static/js/early.js")
    assert early is not None and not early.has_attr("defer") and not early.has_attr("async")
    assert soup.find("script", src="/static/js/nav.js").has_attr("defer")
    inline = [script for script in soup.find_all("script", src=False) if script.get("type") != "application/ld+json"]
    assert inline == [], "no inline scripts (the CSP allows none)"


@pytest.mark.parametrize(
    ("title", "acronym", "expected"),
    [
        ("Global Migration Data Analysis Centre", "GMDAC", "Global Migration Data Analysis Centre (GMDAC)"),
        ("IOM", "IOM", "IOM"),
        ("Federal Ministry (BMI) and Office (BAMF)", "BMI / BAMF", "Federal Ministry (BMI) and Office (BAMF)"),
        ("Flowminder Foundation", "", "Flowminder Foundation"),
    ],
)
def test_member_names_add_the_acronym_only_when_the_title_lacks_it(title, acronym, expected):
    from types import SimpleNamespace

    member = SimpleNamespace(title=title, acronym=acronym)

    assert Template("{% load hub_tags %}{{ member|display_name }}").render(Context({"member": member})) == expected
