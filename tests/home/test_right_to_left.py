"""Right-to-left text in content (an Arabic title or summary) is laid out by the
browser in its own direction, inside a left-to-right English page."""

import pytest

from tests.factories import entry_page, news_page
from tests.html import soup_of

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "بيانات الهجرة في الأزمات"


def test_page_declares_its_language_and_direction(client, site_tree):
    html = soup_of(client.get("/")).html
    assert html["lang"] == "en"
    assert html["dir"] == "ltr"


def test_an_arabic_entry_title_and_summary_take_their_own_direction(client, site_tree):
    entry_page(site_tree["directory_index"], title=ARABIC_TITLE, slug="arabic", summary="ملخص المشروع")
    page = soup_of(client.get("/directory/arabic/"))
    heading = page.find("h1")
    assert heading.get_text(strip=True) == ARABIC_TITLE
    assert heading["dir"] == "auto"
    card_title = soup_of(client.get("/directory/")).find(string=ARABIC_TITLE).find_parent(["h2", "h3"])
    assert card_title["dir"] == "auto"


def test_an_arabic_news_intro_takes_its_own_direction(client, site_tree):
    news_page(site_tree["news_index"], title=ARABIC_TITLE, slug="arabic-news", intro="مقدمة الخبر")
    intro = soup_of(client.get("/news/")).find(string=lambda text: text and "مقدمة الخبر" in text).find_parent("p")
    assert intro["dir"] == "auto"
