"""Full text and meaning fused into one ranking (reciprocal rank fusion).

Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009) adds
1 / (k + rank) over the rankings a result appears in: it needs no score
calibration between BM25 and cosine similarity, and a page near the top of
either list ends near the top of the fused one.
"""

import re
from dataclasses import dataclass

from home.semantic import engine, vectors

RRF_K = 60
# How many of the nearest pages the semantic ranking offers to the fusion.
SEMANTIC_LIMIT = 40
# e5's cosine similarities crowd between 0.7 and 0.9: below this a page is
# nearest only because something must be (calibrated on the demo content:
# docs/search-relevance.md).
MIN_SIMILARITY = 0.815
# The semantic neighbours kept are those within this of the best one.
SIMILARITY_BAND = 0.06


@dataclass(frozen=True)
class Ranking:
    ids: list
    # Pages found through their meaning only (no query word in them).
    semantic_only: frozenset = frozenset()
    # The query's language when it is not English (a guess from its words), else "".
    language: str = ""

    # Whether the ranking by meaning took part.
    semantic: bool = False

    @property
    def cross_lingual(self):
        """The query, in another language than the pages, found them through their meaning."""
        return bool(self.language) and self.semantic


def fuse(*rankings, weights=None, k=RRF_K):
    weights = weights or [1.0] * len(rankings)
    scores = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, pk in enumerate(ranking):
            scores[pk] = scores.get(pk, 0.0) + weight / (k + rank + 1)
    first_seen = {}
    for ranking in rankings:
        for position, pk in enumerate(ranking):
            first_seen.setdefault(pk, position)
    return sorted(scores, key=lambda pk: (-scores[pk], first_seen[pk]))


def semantic_ids(candidate_ids, text):
    """Ids of the candidates closest in meaning to `text`, best first, or None without a model."""
    vector = engine.embed_query(text)
    if vector is None:
        return None
    near = vectors.nearest(vector, candidate_ids, limit=SEMANTIC_LIMIT, min_score=MIN_SIMILARITY)
    if not near:
        return []
    floor = near[0][1] - SIMILARITY_BAND
    return [pk for pk, score in near if score >= floor]


# The full-text ranking's weight when no page has every word of the query: its
# matches then rest on one word or a guessed spelling, often a word of another
# language that English text happens to share.
PARTIAL_MATCH_WEIGHT = 0.4


def hybrid_ranking(full_text_ids, candidate_ids, text, *, every_word=True):
    """The fused ranking. `every_word` says whether the full-text pages have all of the query's words."""
    semantic = semantic_ids(candidate_ids, text)
    if not semantic:
        return Ranking(ids=list(full_text_ids))
    language = query_language(text)
    weight = 1.0 if every_word and not language else PARTIAL_MATCH_WEIGHT
    ids = fuse(full_text_ids, semantic, weights=[weight, 1.0])
    return Ranking(
        ids=ids, semantic_only=frozenset(set(semantic) - set(full_text_ids)), language=language, semantic=True
    )


# A few of the commonest words of each language the directory is asked in: enough
# to tell a question's language, which is all the results page needs to say.
_STOPWORDS = {
    "en": "the of and to in for on with after what which how who by from is are a an using used data",
    "fr": "le la les des du de et pour dans après sur une un est avec quels quelles qui comment au aux données",
    "es": "el los las del de y para en con después una un por qué cuáles cómo que datos sobre al",
    "pt": "o os as do da dos das de e para em com depois uma um por que quais como dados sobre ao",
}
_STOPWORDS = {language: set(words.split()) for language, words in _STOPWORDS.items()}
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_WORDS = re.compile(r"\w+", re.UNICODE)


def query_language(text):
    """'ar', 'fr', 'es' or 'pt' when the query is in that language, '' for English or unknown."""
    if _ARABIC.search(text):
        return "ar"
    words = _WORDS.findall(text.lower())
    counts = {language: sum(word in stopwords for word in words) for language, stopwords in _STOPWORDS.items()}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        if re.search(r"[àâçèéêëîïôûùüÿœæñáíóú]", text.lower()):
            return "fr" if re.search(r"[àâçèêëîïôûùœæ]", text.lower()) else "es"
        return ""
    return "" if best == "en" or counts[best] == counts["en"] else best
