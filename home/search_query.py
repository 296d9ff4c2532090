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

Results are ids, best first, cached until the next publish (see
`content_version`), so a popular query costs one cache read.
"""

import difflib
import hashlib
import logging
import os
import re
import time
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_HITS = 10_000
MAX_EXPANSIONS = 6
CACHE_TIMEOUT = 60 * 60
VERSION_KEY = "hub:content-version"
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


def content_version():
    """A value that changes whenever public content changes (publish,
    unpublish, move, delete, privacy, see search.signals): cached pages,
    cards and results key on it.

    With a shared cache (Redis) it lives there. A local-memory cache is one
    per process, so a publish handled by one gunicorn worker would leave the
    others serving what they had cached; the version then lives in a file
    that every process on the machine reads (`HUB_CONTENT_VERSION_FILE`):
    each change appends a byte, and a stat() is all a request pays.
    """
    if _cache_is_local():
        try:
            stat = os.stat(settings.HUB_CONTENT_VERSION_FILE)
        except FileNotFoundError:
            return "0"
        return f"{stat.st_ino}.{stat.st_size}"
    version = cache.get(VERSION_KEY)
    if version is None:
        # Start from the clock, not 1: if the cache evicts this key, the new
        # version is still newer than every entry cached under the old one.
        cache.add(VERSION_KEY, int(time.time() * 1000), None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version(**kwargs):
    """Signal receiver: forget every cached result computed from older content.

    Moved now and again once the change is committed: a request that read
    the old rows between the two may have cached them under the new version.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump():
    if _cache_is_local():
        path = Path(settings.HUB_CONTENT_VERSION_FILE)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("ab") as version_file:
                version_file.write(b".")
        except OSError:
            # A read-only disk must not make publishing fail; cached pages then
            # show the change when they expire (HUB_PAGE_CACHE_SECONDS).
            logger.exception("Could not record a content change in %s", path)
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _cache_is_local():
    return isinstance(caches["default"], LocMemCache)


def cache_key(prefix, *parts):
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"hub:{prefix}:{connection.vendor}:{content_version()}:{digest}"


def vocabulary():
    """The words the public site uses, folded, mapped to the forms it spells them in.

    Built from titles, summaries and introductions of live public pages and from
    vocabulary names; cached until content changes.
    """
    key = cache_key("vocabulary")
    words = cache.get(key)
    if words is not None:
        return words

    from django.apps import apps

    from wagtail.models import Page

    texts = []
    texts.extend(Page.objects.live().public().values_list("title", flat=True).iterator())
    for label, fields in (
        ("directory.DirectoryEntryPage", ("summary",)),
        ("home.NewsPage", ("intro",)),
        ("events.EventPage", ("intro", "city", "venue")),
        ("directory.MemberPage", ("acronym",)),
    ):
        model = apps.get_model(label)
        for row in model.objects.live().public().values_list(*fields).iterator():
            texts.extend(value for value in row if value)
    for label in ("home.Topic", "directory.DataSource", "directory.Method", "directory.ValueProposition"):
        texts.extend(apps.get_model(label).objects.values_list("name", flat=True))

    words = {}
    for text in texts:
        for word in WORD_RE.findall(text.lower()):
            if len(word) > 2 and not word.isdigit():
                words.setdefault(fold(word), set()).add(word)
    words = {folded: sorted(forms) for folded, forms in words.items()}
    cache.set(key, words, CACHE_TIMEOUT)
    return words


def near_words(term, words):
    """Words of the site a visitor probably meant by `term`: the same word with
    accents, words it is the beginning of, and close spellings."""
    folded = fold(term)
    found = list(words.get(folded, []))
    if len(folded) >= 4:
        prefixed = sorted((w for w in words if w.startswith(folded) and w != folded), key=len)
        for word in prefixed[:MAX_EXPANSIONS]:
            found.extend(words[word])
    if not found and len(folded) >= 4:
        for word in difflib.get_close_matches(folded, words.keys(), n=3, cutoff=0.8):
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


def _sqlite_ids(queryset, query, *, autocomplete=False):
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
        .values_list("index_entry__object_id", flat=True)[:MAX_HITS]
    )
    return [int(pk) for pk in rows]


def _uses_sqlite_fts():
    from wagtail.search.backends import get_search_backend

    if connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(get_search_backend(), SQLiteSearchBackend)


def _search_ids(queryset, query):
    if _uses_sqlite_fts():
        return _sqlite_ids(queryset, query)
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search(query, queryset)[:MAX_HITS]
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


def ranked_ids(queryset, text, *, cache_prefix="search"):
    """Ids of the pages of `queryset` matching `text`, best first (at most MAX_HITS).

    `queryset` must already be restricted to live, public pages; the restriction
    holds through the backend's search on SQLite and PostgreSQL. Results are
    cached per query and queryset until content changes.
    """
    terms = terms_of(clean_query(text))
    if not terms:
        return []
    key = cache_key(cache_prefix, str(queryset.query), terms)
    cached = cache.get(key)
    if cached is not None:
        return cached

    ids = _search_ids(queryset, build_query(terms))
    if not ids:
        expansions = {}
        words = vocabulary()
        for term in terms:
            expansions[term] = near_words(term, words)
        if any(expansions.values()):
            ids = _search_ids(queryset, build_query(terms, expansions=expansions))
        if not ids:
            ids = _autocomplete_ids(queryset, " ".join(terms))
        if not ids and len(terms) > 1:
            ids = _search_ids(queryset, build_query(terms, operator="or", expansions=expansions))
    cache.set(key, ids, CACHE_TIMEOUT)
    return ids
