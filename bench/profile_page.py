"""Where a page's time goes: render a URL N times in-process and print the top costs.

    .venv/bin/python bench/profile_page.py /members/some-member/ --scale 10000
    .venv/bin/python bench/profile_page.py / --scale 100 --repeat 50 --mode editor
    .venv/bin/python bench/profile_page.py /directory/ --db postgres --scale 10000 --sql

Uses the database bench/run.py built for that scale and database (the SQLite
file under BENCH_DIR, or BENCH_PG_PREFIX<scale>), with bench.settings. One
request first warms the data caches and renditions; then `--repeat` requests
are profiled with pyinstrument, each in the chosen mode:

- afresh (default): a new ignored parameter each time, so the page cache
  never answers (what a new filter combination costs);
- after-publish: the content version moved before each request (every cache
  empty, as after a publish);
- editor: signed in as the bench editor (no page cache, the userbar);
- same: the URL repeated (the page cache answers).

Prints the median time and queries per request, then pyinstrument's call tree
(`--threshold` hides the smaller calls, `--flat` lists functions by their own
time, `--html FILE` writes the interactive view instead).
Talks to no network; the server is Django's test client.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/hub-bench"))


def configure(args):
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    if args.db == "sqlite":
        path = WORK / f"bench-{args.scale}.sqlite3"
        if not path.exists():
            sys.exit(f"{path} is missing: build it with bench/run.py --scales {args.scale} first")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        prefix = os.environ.get("BENCH_PG_PREFIX", "hub_bench_")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{prefix}{args.scale}"
    os.environ["MEDIA_ROOT"] = str(WORK / f"media-{args.db}-{args.scale}")
    os.environ.setdefault("HUB_CONTENT_VERSION_FILE", str(WORK / f"content-version-profile-{args.db}-{args.scale}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="a path, e.g. / or /directory/?region=south-asia")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=int, default=100, help="the bench database of this many entries")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--mode", choices=["afresh", "after-publish", "editor", "same"], default="afresh")
    parser.add_argument("--threshold", type=float, default=2, help="hide calls under this %% of the time")
    parser.add_argument("--flat", action="store_true", help="functions by their own time, not the call tree")
    parser.add_argument("--sql", action="store_true", help="also list the SQL of one request")
    parser.add_argument("--html", help="write pyinstrument's HTML view to this file")
    args = parser.parse_args()
    configure(args)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from pyinstrument import Profiler

    from home.caching import bump_content_version

    client = Client(HTTP_HOST="127.0.0.1")
    if args.mode == "editor":
        from django.contrib.auth import get_user_model

        user, _ = get_user_model().objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
        client.force_login(user)
    separator = "&" if "?" in args.url else "?"

    def url(number):
        return f"{args.url}{separator}profile={number}" if args.mode == "afresh" else args.url

    warm = client.get(url(0))
    print(f"{args.url}: {warm.status_code}, {len(warm.content) / 1024:.0f} KB")
    if warm.status_code != 200:
        sys.exit("not a 200: nothing to profile")

    times, queries = [], []
    profiler = Profiler(interval=0.0005)
    for number in range(1, args.repeat + 1):
        if args.mode == "after-publish":
            bump_content_version()
        with CaptureQueriesContext(connection) as captured:
            profiler.start()
            started = time.perf_counter()
            client.get(url(number))
            times.append((time.perf_counter() - started) * 1000)
            profiler.stop()
        queries.append(len(captured))
        if args.sql and number == 1:
            for query in captured.captured_queries:
                print(f"  {query['time']}s  {query['sql'][:300]}")
    print(
        f"{args.mode}, {args.repeat} requests: median {statistics.median(times):.1f} ms, "
        f"mean {statistics.mean(times):.1f} ms, {statistics.median(queries):.0f} queries each"
    )
    if args.html:
        Path(args.html).write_text(profiler.output_html())
        print(f"wrote {args.html}")
    else:
        options = {"filter_threshold": args.threshold / 100}
        print(profiler.output_text(unicode=True, flat=args.flat, processor_options=options))


if __name__ == "__main__":
    main()
