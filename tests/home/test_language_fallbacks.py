"""Honest fallbacks: /fr/... serves the French page where one is live, else the
English page labelled lang="en" with a notice in French; hreflang and the
sitemap name only live translations."""

import re

from wagtail.models import Locale

import pytest

from home.models import StandardPage
from tests.html import soup_of

pytestmark = pytest.mark.django_db


def translate(page, code, *, title, publish=True, **fields):
    """The page's translation into `code` (parents copied as drafts), published or not."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    revision = copy.save_revision()
    if publish:
        revision.publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def about(site_tree):
    return site_tree["home"].add_child(
        instance=StandardPage(title="About the alliance", slug="about", intro="Who we are")
    )


@pytest.fixture
def french_home(site_tree):
    return translate(site_tree["home"], "fr", title="Hub BD4M", hero_heading="Des données sur la migration")


def test_every_content_locale_exists():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"en", "fr", "es", "ar"}


def test_an_untranslated_page_is_english_labelled_english_with_a_french_notice(client, about):
    page = soup_of(client.get("/fr/about/"))
    assert page.html["lang"] == "fr"  # the interface follows the visitor
    main = page.find("main")
    assert main["lang"] == "en"
    assert page.find("h1").get_text(strip=True) == "About the alliance"
    notice = main.find(class_="translation-notice")
    assert notice["lang"] == "fr"
    assert "English" in notice.get_text() or "anglais" in notice.get_text()


def test_a_page_missing_from_a_french_tree_falls_back_to_english(client, about, french_home):
    page = soup_of(client.get("/fr/about/"))
    assert page.find("main")["lang"] == "en"
    assert page.find("h1").get_text(strip=True) == "About the alliance"


def test_a_live_translation_is_served_in_its_language_without_notice(client, about, french_home):
    translate(about, "fr", title="À propos de l'alliance", intro="Qui nous sommes")
    page = soup_of(client.get("/fr/about/"))
    main = page.find("main")
    assert main["lang"] == "fr"
    assert page.find("h1").get_text(strip=True) == "À propos de l'alliance"
    assert main.find(class_="translation-notice") is None
    # The English page stays English at its own address.
    english = soup_of(client.get("/about/"))
    assert english.find("main")["lang"] == "en"
    assert english.find("h1").get_text(strip=True) == "About the alliance"


def test_a_draft_translation_is_not_served(client, about, french_home):
    translate(about, "fr", title="Brouillon", publish=False)
    page = soup_of(client.get("/fr/about/"))
    assert page.find("main")["lang"] == "en"
    assert "Brouillon" not in page.get_text()


def test_a_missing_page_is_still_a_404_in_french(client, about, french_home):
    assert client.get("/fr/no-such-page/").status_code == 404


def hreflangs(response):
    return {link["hreflang"]: link["href"] for link in soup_of(response).find_all("link", hreflang=True)}


def test_hreflang_names_live_translations_and_x_default(client, about, french_home):
    assert hreflangs(client.get("/about/")) == {}
    translate(about, "es", title="Borrador", publish=False)
    assert hreflangs(client.get("/about/")) == {}
    translate(about, "fr", title="À propos")
    links = hreflangs(client.get("/about/"))
    assert links == {
        "en": "http://localhost/about/",
        "fr": "http://localhost/fr/about/",
        "x-default": "http://localhost/about/",
    }
    assert hreflangs(client.get("/fr/about/")) == links


def test_the_sitemap_lists_live_translations_only(client, about, french_home):
    translate(about, "fr", title="À propos")
    translate(about, "es", title="Borrador", publish=False)
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    assert "http://localhost/about/" in locations
    assert "http://localhost/fr/about/" in locations
    assert "http://localhost/fr/" in locations
    assert not [url for url in locations if "/es/" in url]


def test_an_alias_of_an_english_page_is_labelled_english(client, about):
    """Translating a page whose parent is untranslated makes the parent an alias:
    live, in the new locale, but with the English content."""
    translate(about, "es", title="Acerca de la alianza")
    page = soup_of(client.get("/es/"))
    assert page.find("main")["lang"] == "en"
    assert page.find(class_="translation-notice")["lang"] == "es"
    assert soup_of(client.get("/es/about/")).find("main")["lang"] == "es"


def test_the_french_menu_links_translations_and_english_pages_not_yet_translated(client, about, french_home, site_tree):
    for page in (about, site_tree["directory_index"]):
        page.show_in_menus = True
        page.save_revision().publish()
    translate(about, "fr", title="À propos")
    page = soup_of(client.get("/fr/"))
    links = {a.get_text(strip=True): a["href"] for a in page.find("header").find_all("a")}
    assert links["À propos"] == "/fr/about/"
    # Not translated yet: linked in English; at its French address, English with the notice.
    assert links["Directory"] == "/directory/"
    directory = soup_of(client.get("/fr/directory/"))
    assert directory.find("main")["lang"] == "en"
    assert directory.find(class_="translation-notice") is not None
