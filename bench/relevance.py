"""Relevance of the directory search over the demo content (not a test): recall@5 and
nDCG@10 of full text alone and of hybrid ranking, per query set, on SQLite and PostgreSQL.

    .venv/bin/python bench/relevance.py --db sqlite postgres [--reuse] [--pg-name h1]

For each database: a fresh database (or, with --reuse, the one an earlier run made),
`migrate` and `load_demo_content` (which embeds the pages), then every query of
tests/search/relevance_sets.py ranked over the live public entries, as
`/directory/?q=` ranks them, with HUB_SEMANTIC_SEARCH off (full text) and on (hybrid).
Prints the table and writes docs/search-relevance.md. Only talks to 127.0.0.1.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/hub-bench"))
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"
DOC = ROOT / "docs" / "search-relevance.md"


def prepare(db, *, reuse, pg_name):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "SECRET_KEY": "bench-only"}
    env["MEDIA_ROOT"] = str(WORK / f"media-relevance-{db}")
    env["HUB_CONTENT_VERSION_FILE"] = str(WORK / f"content-version-relevance-{db}")
    if db == "sqlite":
        WORK.mkdir(parents=True, exist_ok=True)
        path = WORK / "relevance.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
        if reuse and path.exists():
            return env
        path.unlink(missing_ok=True)
    else:
        env["DATABASE_URL"] = PG_URL.format(name=pg_name)
        if reuse:
            return env
        admin = PG_URL.format(name="postgres")
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {pg_name}"], check=True, timeout=120)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {pg_name}"], check=True, timeout=120)
    started = time.monotonic()
    for args in (("migrate", "--noinput", "-v0"), ("load_demo_content",)):
        subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, timeout=3600)
    print(f"[{db}] demo content ready in {time.monotonic() - started:.0f} s", flush=True)
    return env


def measure_here():
    """In the child process, on the prepared database: {mode: {set: measures}} as JSON."""
    import django

    django.setup()
    from django.core.cache import caches
    from django.test import override_settings

    from directory.models import DirectoryEntryPage
    from home.search_query import ranked_ids
    from home.semantic import engine
    from tests.search.relevance_sets import SETS, measure

    entries = DirectoryEntryPage.objects.live().public()
    slugs = dict(entries.values_list("pk", "slug"))

    def rank(query):
        return [slugs[pk] for pk in ranked_ids(entries, query, cache_prefix="relevance-bench")]

    results = {"entries": len(slugs), "model": engine.model_name() if engine.available() else "none"}
    for mode, semantic in (("full text", False), ("hybrid", True)):
        with override_settings(HUB_SEMANTIC_SEARCH=semantic):
            for cache in caches.all():
                cache.clear()
            every = [pair for queries in SETS.values() for pair in queries]
            results[mode] = {name: measure(queries, rank) for name, queries in SETS.items()}
            results[mode]["all"] = measure(every, rank)
    print("RESULT " + json.dumps(results))


def run(db, *, reuse, pg_name):
    env = prepare(db, reuse=reuse, pg_name=pg_name)
    out = subprocess.run(
        [PYTHON, __file__, "--measure-here"], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def table(results):
    names = [name for name in results[next(iter(results))]["hybrid"]]
    lines = [
        "| query set | queries | database | full text recall@5 | hybrid recall@5 | full text nDCG@10 "
        "| hybrid nDCG@10 |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for name in names:
        for db, result in results.items():
            full, hybrid = result["full text"][name], result["hybrid"][name]
            lines.append(
                f"| {name} | {hybrid['queries']} | {db} | {full['recall@5']:.3f} | {hybrid['recall@5']:.3f} "
                f"| {full['ndcg@10']:.3f} | {hybrid['ndcg@10']:.3f} |"
            )
    return "\n".join(lines)


def misses(results):
    lines = []
    for db, result in results.items():
        for query, missed, top in result["hybrid"]["all"]["misses"]:
            lines.append(f"- {db}: “{query}” missed {', '.join(missed)} (first five: {', '.join(top)})")
    return "\n".join(lines) or "- none"


def write_doc(results):
    from home.semantic import hybrid

    any_result = next(iter(results.values()))
    DOC.write_text(
        f"""# Search relevance

Measured by `bench/relevance.py` on {time.strftime("%Y-%m-%d", time.gmtime())}, over the demo
content ({any_result["entries"]} live directory entries, home/reference_data), with the
model {any_result["model"]}. Regenerate with
`.venv/bin/python bench/relevance.py --db sqlite postgres`.

## Method

Each query names the entries that must be among the first five results of
`/directory/?q=` (the ranking of `home.search_query.ranked_ids` over the live public
entries). The sets are in `tests/search/relevance_sets.py`:

- **keywords (en)**: the original set, words of the entries, with typos, prefixes,
  accents and plurals;
- **paraphrases (en)**: the question in other words; `tests/search/test_relevance.py`
  checks that none of a paraphrase's content words (over three letters, accents folded,
  plural `s` dropped, a short list of function words aside) is in its entries' title
  or summary;
- **French, Spanish, Portuguese, Arabic**: questions in those languages about the
  English entries.

*recall@5* is the share of all wanted entries of a set found in their query's first five;
*nDCG@10* is the normalised discounted cumulative gain of the first ten results with
binary relevance (the wanted entries), averaged over the set's queries. "full text" runs
with `HUB_SEMANTIC_SEARCH` off (the full-text ranking alone, every word optional but
rewarded); "hybrid" fuses it with the ranking by meaning (reciprocal rank fusion, k =
{hybrid.RRF_K}; semantic neighbours above a cosine similarity of {hybrid.MIN_SIMILARITY}
and within {hybrid.SIMILARITY_BAND} of the best one; full text weighted
{hybrid.PARTIAL_MATCH_WEIGHT} when no entry has every word or the query is not in
English). The test suite asserts full text ≥ 0.9 on the keyword set and hybrid ≥ 0.97
over every set together, on both databases.

## Results

{table(results)}

## Hybrid misses

{misses(results)}
"""
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgres"], default=["sqlite"])
    parser.add_argument("--reuse", action="store_true", help="keep the databases an earlier run made")
    parser.add_argument("--pg-name", default="hub_relevance", help="the PostgreSQL database to (re)create")
    parser.add_argument("--no-doc", action="store_true", help="print only, do not write docs/search-relevance.md")
    parser.add_argument("--measure-here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_here:
        measure_here()
        return
    results = {db: run(db, reuse=args.reuse, pg_name=args.pg_name) for db in args.db}
    print(table(results))
    print(misses(results))
    if not args.no_doc:
        write_doc(results)
        print(f"wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
