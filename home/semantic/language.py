"""Which language a search query is in: enough to say on the results page that
it was matched across languages, and to weigh its full-text matches less (the
words of another language that English text happens to share are poor evidence).

A guess from a few dozen words and letters per language, not a language model:
queries are short, and the answer only picks a sentence on the page and a weight.
"""

import re
import unicodedata

# The commonest small words of each language: they show the language, and a
# query's full-text search leaves them out (home.search_query), where they
# would match any English page sharing "de" or "a".
_FUNCTION_WORDS = {
    "en": "the of and to in for on with after what which how who by from is are a an using used",
    "fr": """le la les des du de et pour dans après sur une un est avec quels quelles quel quelle qui comment
        au aux ou où par ces leur leurs entre pendant lors d l""",
    "es": """el la lo los las del de y para en con después una un por qué cuáles cuál cómo que sobre al
        se su sus entre durante tras donde dónde""",
    "pt": """o os as do da dos das de e para em com depois uma um por que quais como sobre ao
        no na nos nas não são seus suas entre durante após onde""",
}
# Words the directory is asked about, so a query without small words is still told.
_TOPIC_WORDS = {
    "en": "data phone phones refugees displacement flood floods earthquake",
    "fr": """données téléphones téléphone portables déplacements déplacement séisme réfugiés réfugié
        inondations sécheresse prévoir prévision migrants migratoires recherches réseaux sociaux
        satellitaires images frontière demandes d'asile""",
    "es": """datos teléfonos teléfono móviles celulares desplazamiento desplazados terremoto inundaciones
        sequía refugiados migrantes predecir predicción búsquedas redes sociales imágenes satelitales
        frontera solicitudes asilo""",
    "pt": """dados telefones telefone celulares deslocamento deslocados terremoto inundações enchentes seca
        refugiados migrantes prever previsão pesquisas redes sociais imagens satélite fronteira pedidos asilo""",
}
_WORDS = {language: f"{_FUNCTION_WORDS[language]} {_TOPIC_WORDS[language]}" for language in _FUNCTION_WORDS}
# Letters one language has and the others of the four lack.
_STRONG = {
    "fr": re.compile(r"[èàùëïîœæûç]|\b[dlj]'"),
    "es": re.compile(r"[ñ¿¡]|ción\b|ciones\b"),
    "pt": re.compile(r"[ãõ]|ção\b|ções\b"),
}
# Letters that lean one way when two languages tie (é is in all three).
_WEAK = {
    "es": re.compile(r"[áíóú]"),
    "pt": re.compile(r"[áíóúâêô]"),
    "fr": re.compile(r"[âêô]"),
}
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_TOKEN = re.compile(r"[\w']+", re.UNICODE)


def _fold(word):
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


def _vocabularies():
    vocabularies = {language: set(words.split()) for language, words in _WORDS.items()}
    for language in ("fr", "es", "pt"):
        # Visitors often leave accents out ("telefonos", "deplacements"); short words
        # folded ("sao", "ou") would be mistaken for names or English.
        folded = {_fold(word) for word in vocabularies[language] if len(word) > 4}
        vocabularies[language] |= folded - vocabularies["en"]
    return vocabularies


_VOCABULARIES = _vocabularies()


def function_words(language):
    """The small words of `language` ('en', 'fr', 'es', 'pt'; none for others), accents folded too."""
    words = set(_FUNCTION_WORDS.get(language, "").split())
    return words | {_fold(word) for word in words}


def language_scores(text):
    """{language: evidence} for a query: two per word of the language, one per letter pattern."""
    lowered = str(text or "").lower()
    words = _TOKEN.findall(lowered)
    words += [part for word in words if "'" in word for part in word.split("'") if part]
    scores = {language: 2 * sum(word in vocabulary for word in words) for language, vocabulary in _VOCABULARIES.items()}
    for language, pattern in _STRONG.items():
        scores[language] += len(pattern.findall(lowered))
    return scores


def query_language(text):
    """'ar', 'fr', 'es' or 'pt' when the query is in that language, '' for English or unknown."""
    text = str(text or "")
    if _ARABIC.search(text):
        return "ar"
    scores = language_scores(text)
    english = scores.pop("en")
    best = max(scores.values())
    if best == 0 or best <= english:
        return ""
    tied = [language for language, score in scores.items() if score == best]
    if len(tied) > 1:
        lowered = text.lower()
        leaning = {language: len(_WEAK[language].findall(lowered)) for language in tied}
        tied.sort(key=lambda language: -leaning[language])
    return tied[0]
