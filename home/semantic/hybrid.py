"""Full text and meaning fused into one ranking (reciprocal rank fusion).

Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009) adds
1 / (k + rank) over the rankings a result appears in: it needs no score
calibration between BM25 and cosine similarity, and a page near the top of
either list ends near the top of the fused one.
"""

from dataclasses import dataclass

from home.semantic import engine, vectors
from home.semantic.language import query_language

RRF_K = 60
# How many of the nearest pages the semantic ranking offers to the fusion.
SEMANTIC_LIMIT = 40
# e5's cosine similarities crowd between 0.7 and 0.9: below this a page is
# nearest only because something must be (calibrated on the demo content:
# docs/search-relevance.md).
MIN_SIMILARITY = 0.815
# A query in another script than the pages' (Arabic) shares no sub-words with
# them, and e5 scores its true matches lower: 0.79-0.82 on the demo content,
# where nonsense in Latin letters reaches 0.80-0.81 ("xyzzy", "asdfgh").
MIN_SIMILARITY_OTHER_SCRIPT = 0.78
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


def semantic_ids(candidates, text, *, language=None, vector=None):
    """Ids of the candidates (a queryset of pages) closest in meaning to `text`,
    best first, or None without a model."""
    vector = engine.embed_query(text) if vector is None else vector
    if vector is None:
        return None
    language = query_language(text) if language is None else language
    floor = MIN_SIMILARITY_OTHER_SCRIPT if language == "ar" else MIN_SIMILARITY
    near = vectors.nearest_in(vector, candidates, limit=SEMANTIC_LIMIT, min_score=floor)
    if not near:
        return []
    floor = near[0][1] - SIMILARITY_BAND
    return [pk for pk, score in near if score >= floor]


# The full-text ranking's weight when no page has every word of the query (or
# the query is not in English): its matches then rest on one word or a guessed
# spelling, and on long questions they are mostly noise. Measured on the demo
# content (bench/relevance.py, 94 queries): recall@5 0.990 / 0.981 (SQLite /
# PostgreSQL) at 0.0 and 0.1, 0.990 / 0.971 at 0.2 and 0.3; nDCG@10 falls as
# it grows. 0.1 keeps the typed words as a tie-break among pages of like meaning.
PARTIAL_MATCH_WEIGHT = 0.1


def hybrid_ranking(full_text_ids, candidates, text, *, every_word=True, vector=None):
    """The fused ranking. `every_word` says whether the full-text pages have all of the query's words."""
    language = query_language(text)
    semantic = semantic_ids(candidates, text, language=language, vector=vector)
    if not semantic:
        return Ranking(ids=list(full_text_ids))
    weight = 1.0 if every_word and not language else PARTIAL_MATCH_WEIGHT
    ids = fuse(full_text_ids, semantic, weights=[weight, 1.0])
    return Ranking(
        ids=ids, semantic_only=frozenset(set(semantic) - set(full_text_ids)), language=language, semantic=True
    )
