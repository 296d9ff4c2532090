"""The query's language, guessed from its words and letters (home/semantic/language.py):
it picks the results page's cross-lingual note and the full text's weight."""

import pytest

from home.semantic.hybrid import query_language


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("téléphones portables et déplacements après un séisme", "fr"),
        ("prévision des déplacements en Somalie", "fr"),
        ("inondations au Soudan du Sud", "fr"),
        ("l'exode vénézuélien", "fr"),
        ("migration climatique au Bangladesh", "fr"),
        ("telephones portables et deplacements", "fr"),
        ("datos de teléfonos móviles después del terremoto", "es"),
        ("¿Cómo predecir desplazamientos?", "es"),
        ("predicción de desplazamientos en Somalia", "es"),
        ("migracion climatica en Bangladesh", "es"),
        ("refugiados sirios en Turquía", "es"),
        ("inundaciones", "es"),
        ("niños migrantes", "es"),
        ("dados de celulares após o terremoto", "pt"),
        ("migração climática em Bangladesh", "pt"),
        ("refugiados sírios na Turquia", "pt"),
        ("previsão de deslocamentos na Somália", "pt"),
        ("الهجرة المناخية في بنغلاديش", "ar"),
        ("haiti earthquake", ""),
        ("which projects used search data to anticipate asylum applications", ""),
        ("google trends asylum", ""),
        # An accented name alone does not make a query Spanish or French.
        ("ÉBOLA Sierra Léone", ""),
        ("Bogotá mobility", ""),
        ("sao paulo", ""),
        ("New Delhi heat", ""),
        ("", ""),
    ],
)
def test_query_language(query, language):
    assert query_language(query) == language


def test_spanish_and_french_tie_is_broken_by_their_letters():
    # "de" and "la" belong to both; ó leans Spanish, ê and â French.
    assert query_language("de la migración") == "es"
    assert query_language("de la fenêtre") == "fr"


def test_spanish_and_portuguese_tie_is_broken_by_their_letters():
    # "de", "para", "refugiados" belong to both.
    assert query_language("refugiados para España") == "es"
    assert query_language("refugiados para ações") == "pt"
