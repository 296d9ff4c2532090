"""Forgiving full-text search over pages, shared by the site search and the directory.

Visitors type anything: accents or none, plurals, words in any order, typos
and half-words. `ranked_ids` turns their text into a query both database
backends (SQLite FTS5 and PostgreSQL full-text) answer well:

1. every word must match, each in its own form, its folded form (no accents)
   and its singular/plural forms;
2. if nothing matches, each word is also matched against the words the public
   site actually uses (prefixes such as `venezuel`, accents the visitor left
   out, near spellings such as `satelite`);
3. if still nothing, Wagtail's autocomplete (prefix of the last word), then any
   word rather than every word.

That ranking (every word required first, then pages with only some of the
words, so each word is optional but rewarded) is fused with a ranking by
meaning from sentence embeddings (home/semantic/hybrid.py), so a page that
answers the query in other words, or in another language, is found too.
Without the embedding model the full-text ranking is used alone.

Results are ids, best first, cached until the next publish (see
home.caching), so a popular query costs one cache read.
"""

import difflib
import functools
import re
import unicodedata

from django.db import connection

from home.caching import cached

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_HITS = 10_000
# Pages with only some of the query's words: the best of them by BM25. A question
# of eight words matches most of 10,000 entries by one word or another ("data",
# "after"); past the first few hundred they are noise, and counting facets over
# all of them cost most of a new query's time (docs/performance.md).
MAX_PARTIAL_HITS = 200
MAX_EXPANSIONS = 6
WORD_RE = re.compile(r"\w+", re.UNICODE)


def clean_query(raw):
    """A search string made safe for every backend.

    Removes NUL and control characters and the field:value, phrase, boolean and
    grouping syntax that a backend might try to parse (and fail on), and bounds
    the length and number of words, so any visitor input gives results or
    none, never an error.
    """
    text = str(raw or "")[: MAX_QUERY_LENGTH * 4]
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    # Keep word characters and a few harmless separators only.
    text = re.sub(r"[^\w\s'\-.,]", " ", text)
    words = text.split()[:MAX_TERMS]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def terms_of(query):
    """The words of a cleaned query, lower-cased, as the search index tokenises them."""
    seen = []
    for word in WORD_RE.findall(query.lower().replace("_", " ")):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


@functools.lru_cache(maxsize=65_536)
def fold(word):
    """A word without accents: 'Bogotá' and 'bogota' fold alike."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def inflections(word):
    """The word with its likely singular and plural forms (English)."""
    forms = {word}
    if len(word) < 3 or word.isdigit():
        return forms
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif word.endswith(("ses", "xes", "ches", "shes")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        forms.add(word[:-1] + "ies")
    elif word.endswith(("s", "x", "ch", "sh")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    return forms


def vocabulary():
    """The words the public site uses, folded, mapped to the forms it spells them in.

    Built from titles, summaries and introductions of live public pages and from
    vocabulary names; cached until content changes.
    """
    return cached(("vocabulary",), _build_vocabulary)


def _build_vocabulary():
    from wagtail.models import Page, get_page_models

    from home.describing import DescribedPage

    texts = []
    texts.extend(Page.objects.live().public().values_list("title", flat=True).iterator())
    # Each page type names its own fields and vocabularies (home/describing.py).
    term_models = []
    for model in get_page_models():
        if not issubclass(model, DescribedPage):
            continue
        if model.vocabulary_fields:
            for row in model.objects.live().public().values_list(*model.vocabulary_fields).iterator():
                texts.extend(value for value in row if value)
        for name in model.vocabulary_relations:
            related = model._meta.get_field(name).related_model
            if related not in term_models:
                term_models.append(related)
    for term_model in term_models:
        texts.extend(term_model.objects.live().values_list("name", flat=True))

    words = {}
    for text in texts:
        for word in WORD_RE.findall(text.lower()):
            if len(word) > 2 and not word.isdigit():
                words.setdefault(fold(word), set()).add(word)
    return {folded: sorted(forms) for folded, forms in words.items()}


MAX_SUGGESTIONS = 500


def suggestions():
    """The names the search forms suggest as the visitor types (a `<datalist>`): the
    vocabularies' terms (data sources, methods, topics...) of every page type that
    searches them, and what each page type adds (the directory's countries), sorted,
    cached per content version and language."""
    from django.utils import translation

    return cached(("search-suggestions", translation.get_language() or ""), _build_suggestions)


def _build_suggestions():
    from wagtail.models import get_page_models

    from home.describing import DescribedPage

    names, term_models = set(), []
    for model in get_page_models():
        if not issubclass(model, DescribedPage):
            continue
        names.update(str(name) for name in model.search_suggestions())
        for name in model.vocabulary_relations:
            related = model._meta.get_field(name).related_model
            if related not in term_models:
                term_models.append(related)
    # One query for every vocabulary: the suggestions are on every search form.
    queries = [term_model.objects.live().order_by().values_list("name", flat=True) for term_model in term_models]
    if queries:
        names.update(queries[0].union(*queries[1:]) if len(queries) > 1 else queries[0])
    return sorted((name for name in names if name), key=lambda name: (fold(name), name))[:MAX_SUGGESTIONS]


def _alike(words, folded):
    """The site's words that could be within difflib's 0.8 of `folded`: a length within
    half of its own (a ratio of 0.8 allows no more), so a query does not compare each
    word with the whole vocabulary. (The same first letter as well lost a Portuguese
    query of bench/relevance.py.)"""
    slack = max(1, len(folded) // 2)
    return [w for w in words if abs(len(w) - len(folded)) <= slack]


def near_words(term, words):
    """Words of the site a visitor probably meant by `term`: the same word with
    accents, words it is the beginning of, and close spellings."""
    folded = fold(term)
    found = list(words.get(folded, []))
    if len(folded) >= 4 and not folded.isdigit():
        prefixed = sorted((w for w in words if w.startswith(folded) and w != folded), key=len)
        for word in prefixed[:MAX_EXPANSIONS]:
            found.extend(words[word])
    if not found and len(folded) >= 4 and not folded.isdigit():
        for word in difflib.get_close_matches(folded, _alike(words, folded), n=3, cutoff=0.8):
            found.extend(words[word])
    return found[: MAX_EXPANSIONS * 2]


def build_query(terms, *, operator="and", expansions=None):
    """A backend query object: each term OR its variants, terms joined by `operator`."""
    from wagtail.search.query import And, Or, PlainText

    # PostgreSQL's English configuration stems words itself; SQLite's FTS5 does not.
    inflect = inflections if connection.vendor != "postgresql" else (lambda word: {word})
    groups = []
    for term in terms:
        variants = set()
        for form in {term, fold(term), *((expansions or {}).get(term, []))}:
            variants |= inflect(form)
        variants = sorted(variants)
        parts = [PlainText(variant) for variant in variants]
        groups.append(parts[0] if len(parts) == 1 else Or(parts))
    if len(groups) == 1:
        return groups[0]
    return And(groups) if operator == "and" else Or(groups)


def _sqlite_ids(queryset, query, *, autocomplete=False, limit=MAX_HITS):
    """Ranked ids from SQLite's FTS5 index in one query.

    The stock SQLite backend scores each result with a correlated subquery
    that re-runs the full-text match once per row: a word found in most of
    10,000 pages takes tens of seconds. Here the match runs once, is joined to
    the index rows of `queryset`'s pages and ordered by its BM25 score (weighted
    by the title norm, as the stock backend does).
    """
    from django.db.models import F, TextField
    from django.db.models.functions import Cast

    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteSearchQueryCompiler,
    )
    from modelsearch.utils import get_descendants_content_types_pks

    compiler_class = SQLiteAutocompleteQueryCompiler if autocomplete else SQLiteSearchQueryCompiler
    compiler = compiler_class(queryset, query)
    search_query = compiler.build_search_query(normalize(compiler.query), config=None)
    if search_query is None:
        return []
    page_ids = queryset.order_by().annotate(_pk_text=Cast("pk", TextField())).values("_pk_text")
    rows = (
        SQLiteFTSIndexEntry.objects.filter(MatchExpression(compiler.FTS_TABLE_FIELDS, search_query))
        .filter(
            index_entry__content_type__in=get_descendants_content_types_pks(queryset.model),
            index_entry__object_id__in=page_ids,
        )
        .annotate(score=BM25() * (F("index_entry__title_norm") + 1.0))
        .order_by("score", "-index_entry__object_id")
        .values_list("index_entry__object_id", flat=True)[:limit]
    )
    return [int(pk) for pk in rows]


def _uses_sqlite_fts():
    from wagtail.search.backends import get_search_backend

    if connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(get_search_backend(), SQLiteSearchBackend)


def _search_ids(queryset, query, limit=MAX_HITS):
    if _uses_sqlite_fts():
        return _sqlite_ids(queryset, query, limit=limit)
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search(query, queryset)[:limit]
    if hasattr(results, "get_queryset"):
        # Ids only: never load thousands of full pages to rank them.
        return list(results.get_queryset().values_list("pk", flat=True))
    return [obj.pk for obj in results]


def _autocomplete_ids(queryset, text):
    if _uses_sqlite_fts():
        from wagtail.search.query import PlainText

        return _sqlite_ids(queryset, PlainText(text), autocomplete=True)
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().autocomplete(text, queryset)[:MAX_HITS]
    if hasattr(results, "get_queryset"):
        return list(results.get_queryset().values_list("pk", flat=True))
    return [obj.pk for obj in results]


def ids_subquery(ids):
    """`ids` as one SQL parameter, for `.filter(pk__in=ids_subquery(ids))`.

    A search's ids can be 10,000: as a plain `pk__in` list Django compiles one
    parameter per id into every query that uses it (the directory's facet counts
    are seven), which cost over a second of CPU per new query. One JSON array
    (SQLite's json_each) or one integer array (PostgreSQL's unnest) costs nothing
    to compile, and the database reads it in a millisecond.
    """
    import json

    from django.db.models.expressions import RawSQL

    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::integer[])", (ids,))
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
    return ids


def ranked_ids(queryset, text, *, cache_prefix="search"):
    """Ids of the pages of `queryset` matching `text`, best first (at most MAX_HITS).

    `queryset` must already be restricted to live, public pages; the restriction
    holds through the backend's search on SQLite and PostgreSQL. Results are
    cached per query and queryset until content changes.
    """
    return search_ranking(queryset, text, cache_prefix=cache_prefix).ids


def search_ranking(queryset, text, *, cache_prefix="search"):
    """The hybrid ranking of `queryset` for `text` (home.semantic.hybrid.Ranking):
    its ids and whether the query was matched across languages."""
    from home.semantic import engine
    from home.semantic.hybrid import Ranking

    cleaned = clean_query(text)
    terms = terms_of(cleaned)
    if not terms:
        return Ranking(ids=[])
    semantic = engine.enabled()
    key = (cache_prefix, str(queryset.query), terms, cleaned.lower() if semantic else "", semantic)
    return cached(key, lambda: _ranking(queryset, terms, cleaned, semantic))


# From this many words on, a query is a question rather than a name being typed:
# the beginning of its last word is not looked up on its own (Wagtail's
# autocomplete), its words are (any of them, best first), which spares a new
# question one full-text query.
QUESTION_WORDS = 3


def _ranking(queryset, terms, cleaned, semantic):
    from home.semantic import engine
    from home.semantic.hybrid import Ranking, hybrid_ranking
    from home.semantic.language import function_words, query_language

    # A French, Spanish or Portuguese query's small words ("de", "la", "en") match
    # English pages by accident; its other words (names, "ebola") still count.
    small = function_words(query_language(cleaned))
    words = [term for term in terms if term not in small] or terms
    vector = engine.embed_query_soon(cleaned) if semantic else None
    full_text, every_word = _full_text_ids(queryset, words)
    if not semantic:
        return Ranking(ids=full_text)
    return hybrid_ranking(full_text, queryset, cleaned, every_word=every_word, vector=vector())


def _ranked_ids(queryset, terms):
    return _full_text_ids(queryset, terms)[0]


def _partial_ids(queryset, terms, expansions):
    """Pages with some of the words (or, for a name being typed, the beginning of the last one), best first."""
    ids = _autocomplete_ids(queryset, " ".join(terms)) if len(terms) < QUESTION_WORDS else []
    if not ids and len(terms) > 1:
        query = build_query(_significant(terms), operator="or", expansions=expansions)
        ids = _search_ids(queryset, query, MAX_PARTIAL_HITS)
    return ids


def _significant(terms):
    """The terms without English small words ("the", "after", "how"): in a search for
    any of the words they match every page, which costs the database a score for
    each of 10,000 pages and ranks nothing."""
    from home.semantic.language import function_words

    small = function_words("en")
    return [term for term in terms if term not in small] or terms


def _full_text_ids(queryset, terms):
    """(ids best first, whether the first of them have every word of the query)."""
    ids = _search_ids(queryset, build_query(terms))
    if ids and len(terms) > 1:
        # Every word is optional but rewarded: pages with all of them first,
        # then those with some, best first.
        found = set(ids)
        tail = _search_ids(queryset, build_query(_significant(terms), operator="or"), limit=len(ids) + MAX_PARTIAL_HITS)
        ids += [pk for pk in tail if pk not in found][:MAX_PARTIAL_HITS]
        return ids[:MAX_HITS], True
    if ids:
        return ids, True
    words = vocabulary()
    expansions = {term: near_words(term, words) for term in terms}
    # Only when some word gains a spelling: the same query again would find nothing again.
    if any(set(forms) - {term, fold(term)} for term, forms in expansions.items()):
        ids = _search_ids(queryset, build_query(terms, expansions=expansions))
    if not ids:
        ids = _partial_ids(queryset, terms, expansions)
    return ids, False
