"""The interface in English, French, Spanish and Arabic: complete catalogues,
translated pages under /fr/, /es/ and /ar/, dates in the visitor's language,
right to left in Arabic, and a language switcher that keeps the page."""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale

import polib
import pytest
from bs4 import BeautifulSoup

from hub.catalogues import compile_catalogues
from tests.factories import event_page, news_page
from tests.html import assert_sound_page, soup_of

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ["fr", "es", "ar"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_translates_every_message_with_its_placeholders(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))

    assert len(catalogue) > 500
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert not catalogue.metadata_is_fuzzy
    for entry in catalogue:
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            assert len(forms) == (6 if language == "ar" else 3 if language == "es" else 2), entry.msgid
            # The "other" form (the last) says every placeholder of the English plural.
            assert set(PLACEHOLDER.findall(forms[max(forms)])) == set(PLACEHOLDER.findall(entry.msgid_plural))
        else:
            assert set(PLACEHOLDER.findall(entry.msgstr)) == set(PLACEHOLDER.findall(entry.msgid)), entry.msgid


def test_catalogues_compile_without_gettext(tmp_path):
    # What `make install` runs (python -m hub.catalogues): pure Python, into .mo files gettext reads.
    target = tmp_path / "ar" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_bytes((LOCALE_DIR / "ar" / "LC_MESSAGES" / "django.po").read_bytes())

    written = compile_catalogues(tmp_path)

    assert written == [target / "django.mo"]
    import gettext

    with open(target / "django.mo", "rb") as compiled:
        arabic = gettext.GNUTranslations(compiled)
    assert arabic.gettext("Search") == "بحث"
    assert arabic.ngettext("%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”", 2) == (
        "%(counter)s نتيجتان عن «%(query)s»"
    )
    assert compile_catalogues(tmp_path) == []  # up to date: nothing written again


EXPECTED = {
    # language: (skip link, search button, footer heading)
    "fr": ("Aller au contenu principal", "Rechercher", "Participer"),
    "es": ("Ir al contenido principal", "Buscar", "Participar"),
    "ar": ("الانتقال إلى المحتوى الرئيسي", "بحث", "شارك"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED)
def test_pages_under_a_language_prefix_show_the_interface_in_that_language(client, site_tree, language):
    skip, search, take_part = EXPECTED[language]

    soup = assert_sound_page(soup_of(client.get(f"/{language}/")), language)

    assert soup.html["lang"] == language
    assert soup.html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert soup.find("a", class_="skip-link").get_text(strip=True) == skip
    assert soup.find("form", class_="site-search").button.get_text(strip=True) == search
    assert take_part in [heading.get_text(strip=True) for heading in soup.find_all("h2", class_="site-footer__heading")]
    search_page = soup_of(client.get(f"/{language}/search/?q=migration"))
    assert search_page.find("form", class_="site-search").button.get_text(strip=True) == search


@pytest.mark.django_db
def test_english_stays_at_the_root_without_a_prefix(client, site_tree):
    soup = soup_of(client.get("/"))
    assert soup.html["lang"] == "en"
    assert soup.find("a", class_="skip-link").get_text(strip=True) == "Skip to main content"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Page introuvable"), ("es", "Página no encontrada"), ("ar", "الصفحة غير موجودة")]
)
def test_error_pages_speak_the_visitors_language(client, site_tree, language, title):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == title


@pytest.mark.django_db
def test_server_error_page_is_translated_and_right_to_left_in_arabic():
    from django.template.loader import render_to_string

    with translation.override("ar"):
        soup = BeautifulSoup(render_to_string("500.html"), "html.parser")

    assert soup.html["lang"] == "ar" and soup.html["dir"] == "rtl"
    assert soup.h1.get_text() == "حدث خطأ ما"


@pytest.mark.django_db
def test_dates_are_written_the_way_each_language_writes_them(client, site_tree):
    news_page(site_tree["news_index"], title="Alliance meets", slug="meets", date=datetime.date(2018, 6, 25))
    event = event_page(site_tree["event_index"], title="Workshop", slug="workshop")
    day = event.local_start.date()

    def dates(prefix):
        text = soup_of(client.get(f"{prefix}/news/meets/")).find("main").get_text(" ", strip=True)
        return text

    assert "25 June 2018" in dates("")
    assert "25 juin 2018" in dates("/fr")
    assert "25 de junio de 2018" in dates("/es")
    assert "25 يونيو، 2018" in dates("/ar")
    with translation.override("es"):
        from home.templatetags.hub_tags import precise_date

        assert precise_date(day, "month").endswith(f"de {day.year}")


@pytest.mark.django_db
def test_country_names_follow_the_language(client, site_tree):
    from tests.factories import member_page

    member_page(site_tree["member_index"], title="Ministère", slug="ministere", country="DE")

    assert "Allemagne" in soup_of(client.get("/fr/members/ministere/")).find("main").get_text()
    assert "Alemania" in soup_of(client.get("/es/members/ministere/")).find("main").get_text()
    assert "ألمانيا" in soup_of(client.get("/ar/members/ministere/")).find("main").get_text()


def _switcher(soup):
    nav = soup.find("nav", class_="language-switcher")
    return {link["hreflang"]: link for link in nav.find_all("a")}


@pytest.mark.django_db
def test_language_switcher_names_each_language_in_itself_and_marks_the_current_one(client, site_tree):
    links = _switcher(soup_of(client.get("/ar/news/")))

    assert [link.get_text(strip=True) for link in links.values()] == ["English", "français", "español", "العربيّة"]
    assert {code: link["lang"] for code, link in links.items()} == {"en": "en", "fr": "fr", "es": "es", "ar": "ar"}
    assert links["ar"]["dir"] == "rtl" and links["en"]["dir"] == "ltr"
    assert links["ar"]["aria-current"] == "true"
    assert not links["en"].has_attr("aria-current")
    assert (links["en"]["href"], links["fr"]["href"]) == ("/news/", "/fr/")
    # The language homes, worked out once during that Arabic request, hold for English visitors too.
    assert _switcher(soup_of(client.get("/news/")))["fr"]["href"] == "/fr/"


@pytest.mark.django_db
def test_language_switcher_links_to_a_pages_live_translation_or_else_to_that_languages_home(client, site_tree):
    news_index = site_tree["news_index"]
    french, _created = Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="es")
    site_tree["home"].copy_for_translation(french).save_revision().publish()
    french_news = news_index.copy_for_translation(french)
    french_news.title = "Actualités"
    french_news.slug = "actualites"
    french_news.save_revision().publish()

    links = _switcher(soup_of(client.get("/news/")))

    assert links["fr"]["href"] == "/fr/actualites/"
    assert links["en"]["href"] == "/news/"
    # No Spanish news page: the Spanish home page, never a page that does not exist.
    assert links["es"]["href"] == "/es/"
    back = _switcher(soup_of(client.get("/fr/actualites/")))
    assert back["en"]["href"] == "/news/"


@pytest.mark.django_db
def test_language_switcher_on_a_view_keeps_its_path_and_query(client, site_tree):
    links = _switcher(soup_of(client.get("/search/?q=migration")))

    assert links["fr"]["href"] == "/fr/search/?q=migration"
    assert links["ar"]["href"] == "/ar/search/?q=migration"
    assert _switcher(soup_of(client.get("/es/search/?q=migration")))["en"]["href"] == "/search/?q=migration"


@pytest.mark.django_db
def test_bad_request_and_permission_denied_pages_speak_the_visitors_language(rf, site_tree):
    from django.contrib.auth.models import AnonymousUser

    from hub.errors import bad_request, permission_denied

    with translation.override("es"):
        bad = bad_request(rf.get("/es/search/"))
        request = rf.get("/es/members/")
        request.user = AnonymousUser()
        denied = permission_denied(request)

    assert bad.status_code == 400
    assert BeautifulSoup(bad.content, "html.parser").h1.get_text() == "Solicitud incorrecta"
    assert denied.status_code == 403
    soup = BeautifulSoup(denied.content, "html.parser")
    assert soup.h1.get_text() == "Acceso denegado"
    assert soup.html["lang"] == "es"


@pytest.mark.django_db
def test_directory_facets_are_named_in_the_visitors_language(client, site_tree):
    from directory.models import DataSource
    from tests.factories import entry_page, term

    entry_page(site_tree["directory_index"], title="Phones", slug="phones", data_sources=[term(DataSource, "CDR")])

    def facet_names(prefix):
        soup = soup_of(client.get(f"{prefix}/directory/"))
        return [summary.get_text(strip=True) for summary in soup.select("details.facet > summary")]

    assert "Data source" in facet_names("")
    assert "Source de données" in facet_names("/fr")
    assert "مصدر البيانات" in facet_names("/ar")
