"""The demo's French and Spanish content, and a crawl of the demo site in
French, Spanish and Arabic: no page carries a language label that is not its
content's."""

import json
from collections import deque
from pathlib import Path

from wagtail.models import Page

import pytest

from tests.html import soup_of

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).resolve().parents[2] / "home" / "reference_data"
CRAWL_LIMIT = 40  # pages per language: every page type is reached well before
OUTSIDE_THE_TREE = ("//", "/static/", "/media/", "/documents/", "/api/", "/admin/", "/sitemap.xml", "/robots.txt")
OTHER_PREFIXES = {
    code: tuple(f"/{other}/" for other in ("fr", "es", "ar") if other != code) for code in ("fr", "es", "ar")
}


def translations(name):
    return json.loads((REFERENCE / f"translations_{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/fr/", "fr", "Innovation responsable en matière de données sur la migration"),
        ("/es/", "es", "Innovación responsable con datos sobre migración"),
        ("/fr/about/", "fr", "À propos de l'alliance"),
        ("/es/about/", "es", "Acerca de la alianza"),
        ("/fr/how-to-join/", "fr", "Comment adhérer"),
        ("/es/how-we-handle-data/", "es", "Cómo tratamos los datos"),
    ],
)
def test_translated_demo_pages_are_live_in_their_language(demo_content, client, path, language, heading):
    page = soup_of(client.get(path))
    assert page.find("main")["lang"] == language
    assert page.find("h1").get_text(strip=True) == heading
    assert page.find(class_="translation-notice") is None


def test_translated_pages_keep_the_english_sources_and_figures(demo_content, client, settings):
    about = soup_of(client.get("/fr/about/"))
    links = {a["href"] for a in about.find("main").find_all("a", href=True)}
    assert "https://era.gv.at/object/news/4169" in links
    assert about.find("h2", string="Sources") is not None
    data = soup_of(client.get("/fr/how-we-handle-data/")).find("main").get_text(" ")
    assert f"{settings.HUB_SUBMISSION_RETENTION_DAYS} jours" in data
    joining = soup_of(client.get("/es/how-to-join/")).find("main").get_text(" ")
    assert "Miembro verificado" in joining


def test_every_vocabulary_term_has_its_french_and_spanish_name(demo_content):
    from django.apps import apps

    from home.demo.vocabularies import VOCABULARIES

    texts = translations("vocabularies")
    for key, label in VOCABULARIES.items():
        term_model = apps.get_model(label)
        english = {term.translation_key: term for term in term_model.objects.filter(locale__language_code="en")}
        for code in ("fr", "es"):
            found = term_model.objects.filter(locale__language_code=code)
            assert {term.slug for term in found} == set(texts[code][key]), (label, code)
            for term in found:
                assert [term.name, term.definition] == texts[code][key][term.slug]
                assert english[term.translation_key].slug == term.slug


def content_language(page):
    """What the page's content is in, read from the database: an alias shows its original's."""
    if page.alias_of_id:
        page = Page.objects.get(pk=page.alias_of_id)
    return page.locale.language_code


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_no_page_is_labelled_with_a_language_its_content_is_not_in(demo_content, client, language):
    seen, queue, checked = set(), deque([f"/{language}/"]), 0
    while queue and checked < CRAWL_LIMIT:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        page = response.context.get("page") if response.context else None
        soup = soup_of(response)
        assert soup.html["lang"] == language, path  # the interface: the visitor's language
        if isinstance(page, Page):
            checked += 1
            main = soup.find("main")
            assert main["lang"] == content_language(page), path
            if main["lang"] != language:
                assert main.find(class_="translation-notice")["lang"] == language, path
        for link in soup.find_all("a", href=True):
            href = link["href"].split("#")[0].split("?")[0]
            if not href.startswith("/") or href.startswith(OUTSIDE_THE_TREE):
                continue
            if href.startswith(OTHER_PREFIXES[language]):
                continue
            # An English page's address under the visitor's prefix is served too (in English).
            queue.append(href if href.startswith(f"/{language}/") else f"/{language}{href}")
    assert checked >= 20
