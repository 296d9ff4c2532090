"""The hub's benchmark (not a test): throughput and latency of the discovery pages
at two scales, on SQLite or PostgreSQL, under gunicorn, each next to a minimal view.

    .venv/bin/python bench/run.py --db sqlite --scales 100 10000
    .venv/bin/python bench/run.py --db postgres --scales 100 10000 [--reuse]

For each scale: a fresh database (or, with --reuse, the one an earlier run
generated), `migrate`, `load_demo_content`, `generate_bench_content --entries N
--events N/5 --news N/2`, ANALYZE, gunicorn on 127.0.0.1, one cold request per
URL, then wrk for a fixed duration per URL twice: the same URL repeated, and a
new URL on every request (bench/unique.lua) so the page cache never answers.
Prints one table per scale and writes bench/results-<db>.json. Only ever talks
to 127.0.0.1; every loop is bounded.
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/hub-bench"))
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"


def urls(entry_slug):
    """(label, path, also measured rendered afresh on every request)."""
    return [
        ("minimal view (20 KB, no database)", "/bench/minimal/", False),
        ("directory, two filters", "/directory/?data_source=mobile-phone-cdr&region=sub-saharan-africa", True),
        ("directory ?q=migration (common)", "/directory/?q=migration", True),
        ("directory ?q=zanzibarite (rare)", "/directory/?q=zanzibarite", True),
        ("search ?q=migration (common)", "/search/?q=migration", True),
        ("search ?q=zanzibarite (rare)", "/search/?q=zanzibarite", True),
        ("events (upcoming)", "/events/", True),
        ("directory entry page", f"/directory/{entry_slug}/", True),
        # Rebuilding 10,000 rows per request would only measure the build.
        ("directory export.csv", "/directory/export.csv", False),
    ]


def manage(env, *args, timeout=7200):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, timeout=timeout)


def prepare(db, scale, reuse=False):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "SECRET_KEY": "bench-only"}
    env.pop("DATABASE_URL", None)
    env["MEDIA_ROOT"] = str(WORK / f"media-{db}-{scale}")
    if db == "sqlite":
        WORK.mkdir(parents=True, exist_ok=True)
        path = WORK / f"bench-{scale}.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
        if reuse and path.exists():
            return analyse(db, env)
        path.unlink(missing_ok=True)
    else:
        name = f"hub_bench_{scale}"
        admin = PG_URL.format(name="postgres")
        env["DATABASE_URL"] = PG_URL.format(name=name)
        exists = subprocess.run(
            ["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
            check=True, capture_output=True, text=True, timeout=120,
        ).stdout.strip()  # fmt: skip
        if reuse and exists:
            return analyse(db, env)
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True, timeout=120)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True, timeout=120)
    shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content")
    manage(env, "generate_bench_content", "--entries", str(scale), "--events", str(max(scale // 5, 1)),
           "--news", str(max(scale // 2, 1)))  # fmt: skip
    print(f"[{db} {scale}] content ready in {time.monotonic() - started:.0f} s", flush=True)
    return analyse(db, env)


def analyse(db, env):
    """Planner statistics for the freshly loaded tables, as PostgreSQL's
    autovacuum (or SQLite's ANALYZE) would have them on a database in use:
    without them PostgreSQL guessed that 17,000 page paths were 9 and picked
    slow plans for every page lookup."""
    if db == "postgres":
        subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True, timeout=1800)
    else:
        with sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///")) as connection:
            connection.execute("ANALYZE")
    return env


def entry_slug(env):
    code = (
        "import django; django.setup(); from directory.models import DirectoryEntryPage as D; "
        "print(D.objects.live().filter(slug__startswith='bench-').order_by('pk').values_list('slug', flat=True)[0])"
    )
    out = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            urllib.request.urlopen(base + "/bench/minimal/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not start")


def wrk(url, *, duration, connections, threads, unique=False):
    """wrk's figures for `url`; with `unique`, every request carries a new
    ignored parameter (bench/unique.lua), so no page is served from the page cache."""
    script = (ROOT / "bench" / "report.lua").read_text()
    if unique:
        script += (ROOT / "bench" / "unique.lua").read_text()
    WORK.mkdir(parents=True, exist_ok=True)
    script_path = WORK / ("wrk-unique.lua" if unique else "wrk.lua")
    script_path.write_text(script)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "-s",
            str(script_path),
            url,
        ],  # fmt: skip
        check=True,
        capture_output=True,
        text=True,
        timeout=duration + 120,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(db, scale, args):
    env = prepare(db, scale, reuse=args.reuse)
    slug = entry_slug(env)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            GUNICORN,
            # Not the repository's gunicorn.conf.py, which gunicorn reads from the
            # working directory: its max_requests restarts each worker, with its
            # local-memory caches empty, every ~2,000 requests, in the middle of a
            # measurement; both trees of a before/after run get gunicorn's defaults.
            "--config",
            os.devnull,
            "hub.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "-" if args.verbose else "/dev/null",
            "--log-level",
            "warning",
        ],  # fmt: skip
        env={**env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        cwd=ROOT,
    )
    results = []
    try:
        wait_until_up(base, server)
        load = {"duration": args.duration, "connections": args.connections, "threads": args.threads}
        for label, path, also_unique in urls(slug):
            # The first (cold) request: empty caches in this worker.
            started = time.monotonic()
            with urllib.request.urlopen(base + path, timeout=120) as response:
                status = response.status
                response.read()
            cold_ms = (time.monotonic() - started) * 1000
            figures = wrk(base + path, **load)
            figures.update(label=label, path=path, status=status, cold_ms=round(cold_ms, 1))
            if also_unique:
                figures["unique"] = wrk(base + path, unique=True, **load)
            results.append(figures)
            rendered = f"; rendered afresh {figures['unique']['rps']:.1f} req/s" if also_unique else ""
            summary = f"{figures['rps']:.1f} req/s, p50 {figures['p50']:.1f} ms{rendered}"
            print(f"[{db} {scale}] {label}: {summary}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    minimal = results[0]["rps"]
    for row in results:
        row["fraction"] = row["rps"] / minimal if minimal else 0
        if "unique" in row:
            row["unique"]["fraction"] = row["unique"]["rps"] / minimal if minimal else 0
    return results


def share(fraction):
    return f"1/{1 / fraction:.0f}" if fraction and fraction < 1 else ("1" if fraction else "-")


def failed(figures):
    return figures["non2xx"] or figures["errors"]


def table(db, scale, rows):
    lines = [
        f"\n{db}, {scale} entries (same URL repeated | a new URL each request, page cache missed)",
        f"{'page':<36} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'cold ms':>8} {'share':>6} | "
        f"{'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'share':>6}",
    ]
    for row in rows:
        line = (
            f"{row['label']:<36} {row['rps']:>8.1f} {row['p50']:>7.1f} {row['p95']:>7.1f} {row['cold_ms']:>8.0f} "
            f"{share(row['fraction']):>6} | "
        )
        fresh = row.get("unique")
        if fresh:
            line += f"{fresh['rps']:>7.1f} {fresh['p50']:>7.1f} {fresh['p95']:>7.1f} {share(fresh['fraction']):>6}"
        else:
            line += f"{'-':>7} {'-':>7} {'-':>7} {'-':>6}"
        if failed(row) or (fresh and failed(fresh)):
            line += "  ERRORS"
        lines.append(line)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scales", type=int, nargs="+", default=[100, 10000])
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep a database generated by an earlier run")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    report = {"db": args.db, "settings": vars(args), "scales": {}}
    for scale in args.scales:
        report["scales"][scale] = measure(args.db, scale, args)
        print(table(args.db, scale, report["scales"][scale]), flush=True)
    if len(args.scales) > 1:
        small, large = args.scales[0], args.scales[-1]
        print(f"\nslowdown from {small} to {large} entries (req/s ratio)")
        for a, b in zip(report["scales"][small], report["scales"][large], strict=True):
            line = f"{a['label']:<40} {a['rps'] / b['rps'] if b['rps'] else float('inf'):>6.2f}x"
            if "unique" in a:
                fresh_a, fresh_b = a["unique"]["rps"], b["unique"]["rps"]
                line += f"  rendered afresh {fresh_a / fresh_b if fresh_b else float('inf'):>6.2f}x"
            print(line)
    out = ROOT / "bench" / f"results-{args.db}.json"
    out.write_text(json.dumps(report, indent=1))
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
