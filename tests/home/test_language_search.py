"""Searching in French finds the French pages first, then the English ones
(entries are mostly English), each page once; the directory's facets name the
terms in the visitor's language where they are translated."""

from wagtail.models import Locale

import pytest

from directory.models import DataSource
from home.models import StandardPage
from tests.factories import entry_page, term
from tests.html import soup_of

pytestmark = pytest.mark.django_db


def translate(page, code, **fields):
    copy = page.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    copy.save_revision().publish()
    return copy


def result_titles(client, url):
    page = soup_of(client.get(url))
    return [heading.get_text(strip=True) for heading in page.select("main h2 a, main h3 a")]


def test_french_search_puts_french_pages_first_and_keeps_english_entries(client, site_tree):
    home = site_tree["home"]
    about = home.add_child(instance=StandardPage(title="The migration alliance", slug="about", intro="Migration data"))
    translate(home, "fr", title="Hub", hero_heading="Données")
    translate(about, "fr", title="L'alliance migration", intro="Données sur la migration")
    entry_page(site_tree["directory_index"], title="Migration flows from phone data", slug="flows")

    titles = result_titles(client, "/fr/search/?q=migration")
    assert titles[0] == "L'alliance migration"
    assert "Migration flows from phone data" in titles
    assert "The migration alliance" not in titles  # found in French, so not twice

    english = result_titles(client, "/search/?q=migration")
    assert english[0] != "L'alliance migration"
    assert "The migration alliance" in english
    assert "L'alliance migration" not in english


def test_facets_name_terms_in_the_visitor_language_or_english(client, site_tree):
    phones = term(DataSource, "Mobile phone records", slug="mobile-phone-cdr")
    satellites = term(DataSource, "Satellite imagery", slug="satellite-imagery")
    french = phones.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name = "Données de téléphonie mobile"
    french.save()
    spanish = phones.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.name = "Datos de telefonía móvil"
    spanish.save()
    entry_page(site_tree["directory_index"], title="Flows", slug="flows", data_sources=[phones, satellites])

    def facet_names(url):
        panel = soup_of(client.get(url)).find("aside")
        return panel.get_text(" ")

    french_panel = facet_names("/fr/directory/")
    assert "Données de téléphonie mobile" in french_panel and "Satellite imagery" in french_panel
    arabic_panel = facet_names("/ar/directory/")
    assert "Mobile phone records" in arabic_panel
    assert "Datos de telefonía móvil" not in arabic_panel and "Données de téléphonie mobile" not in arabic_panel
