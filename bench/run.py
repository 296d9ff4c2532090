"""The hub's benchmark (not a test): throughput and latency of every public page
type at two scales, on SQLite or PostgreSQL, under gunicorn, each as a share of
a minimal view served by the same server in the same run.

    .venv/bin/python bench/run.py --db sqlite --scales 100 10000
    .venv/bin/python bench/run.py --db postgres --scales 100 10000 [--reuse]
    .venv/bin/python bench/run.py --scales 100 --pages home member_page --duration 3   # a quick look
    .venv/bin/python bench/report.py            # the tables of docs/performance.md

For each scale: a fresh database (or, with --reuse, the one an earlier run
generated), `migrate`, `load_demo_content`, `generate_bench_content --entries N
--events N/5 --news N/2`, ANALYZE, gunicorn on 127.0.0.1; then for each page
of bench/pages.py one cold request and the modes of MODES. Writes
bench/results-<db>[-<tag>].json. Only ever talks to 127.0.0.1; every loop is
bounded. BENCH_DIR (default /tmp/hub-bench) holds the SQLite files and media,
BENCH_PG_PREFIX (default hub_bench_) names the PostgreSQL databases.
"""

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import LABELS, PAGES  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/hub-bench"))
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"
# same: the URL repeated (the page cache answers); afresh: a new ignored
# parameter each time (rendered, data caches warm); editor: a signed-in
# editor's session (no page cache, the userbar); publish: the first request
# after a content change emptied every cache.
MODES = ("same", "afresh", "editor", "publish")


def manage(env, *args, timeout=7200):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, timeout=timeout)


def prepare(db, scale, reuse=False):
    # PYTHONPATH: this checkout's code, whichever checkout the venv was installed from.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "SECRET_KEY": "bench-only"}
    env["PYTHONPATH"] = str(ROOT)
    env["HUB_CONTENT_VERSION_FILE"] = str(WORK / f"content-version-{db}-{scale}")
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
        name = f"{os.environ.get('BENCH_PG_PREFIX', 'hub_bench_')}{scale}"
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


def page_paths(env):
    """{page key: path} of the pages bench/pages.py finds in this database."""
    code = "import django; django.setup(); from bench.pages import find; find()"
    out = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


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


def wrk(url, *, duration, connections, threads, unique=False, cookie=None):
    """wrk's figures for `url`; with `unique`, every request carries a new
    ignored parameter (bench/unique.lua), so no page is served from the page cache."""
    script = (ROOT / "bench" / "report.lua").read_text()
    if unique:
        script += (ROOT / "bench" / "unique.lua").read_text()
    WORK.mkdir(parents=True, exist_ok=True)
    script_path = WORK / ("wrk-unique.lua" if unique else "wrk.lua")
    script_path.write_text(script)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", str(script_path)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], check=True, capture_output=True, text=True, timeout=duration + 120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fetch(url, *, method="GET", cookie=None):
    """(status, body bytes, ms, Set-Cookie values) of one request."""
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    if cookie:
        request.add_header("Cookie", cookie)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            body = response.read()
            status, cookies = response.status, response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        body, status, cookies = error.read(), error.code, []
    return status, body, (time.monotonic() - started) * 1000, cookies


def editor_cookie(base):
    """The session cookie of the bench's editor (bench/urls.py: editor_session)."""
    status, _body, _ms, cookies = fetch(base + "/bench/editor-session/", method="POST")
    if status != 200:
        raise RuntimeError(f"could not sign the bench editor in: {status}")
    return "; ".join(value.split(";", 1)[0] for value in cookies)


def after_publish(base, path, rounds):
    """Milliseconds of the first request after each of `rounds` content changes
    (every cache keyed on the content version emptied, as by a publish)."""
    times = []
    for _ in range(rounds):
        fetch(base + "/bench/content-changed/", method="POST")
        # Both workers may answer; each sees the new version at its next request.
        times.append(round(fetch(base + path)[2], 1))
    return {"ms": times, "median": statistics.median(times), "max": max(times)}


def start_server(env, port, args):
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
    wait_until_up(f"http://127.0.0.1:{port}", server)
    return server


def measure_page(base, key, path, args, cookie):
    status, body, cold_ms, _cookies = fetch(base + path)
    row = {"label": LABELS[key], "path": path, "status": status, "bytes": len(body), "cold_ms": round(cold_ms, 1)}
    load = {"duration": args.duration, "connections": args.connections, "threads": args.threads}
    if "same" in args.modes or key == "minimal":
        row["same"] = wrk(base + path, **load)
    if key == "minimal":
        return row
    # The yardstick again beside each page: on a shared machine the load drifts
    # within a run, and a page is compared with the minimal view of its minute.
    row["minimal_rps"] = wrk(base + "/bench/minimal/", **{**load, "duration": max(2, args.duration // 2)})["rps"]
    if "afresh" in args.modes:
        row["afresh"] = wrk(base + path, unique=True, **load)
    if "editor" in args.modes:
        row["editor"] = wrk(base + path, cookie=cookie, **load)
    if "publish" in args.modes:
        row["publish"] = after_publish(base, path, args.rounds)
    return row


def measure(db, scale, args):
    env = prepare(db, scale, reuse=args.reuse)
    paths = page_paths(env)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port, args)
    results = {}
    try:
        cookie = editor_cookie(base) if "editor" in args.modes else None
        for key, _label in PAGES:
            if key in paths and (key == "minimal" or not args.pages or key in args.pages):
                results[key] = row = measure_page(base, key, paths[key], args, cookie)
                print(f"[{db} {scale}] {summary(row)}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for row in results.values():
        minimal = row.get("minimal_rps") or results["minimal"]["same"]["rps"]
        for mode in MODES:
            if mode in row and "rps" in row[mode]:
                row[mode]["share"] = row[mode]["rps"] / minimal if minimal else 0
    return results


def summary(row):
    parts = [f"{row['label']}: {row['status']}, {row['bytes'] / 1024:.0f} KB"]
    for mode in MODES:
        figures = row.get(mode)
        if figures and "rps" in figures:
            parts.append(f"{mode} {figures['rps']:.0f} req/s p50 {figures['p50']:.1f} ms")
        elif figures:
            parts.append(f"{mode} median {figures['median']:.0f} ms")
    return "; ".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scales", type=int, nargs="+", default=[100, 10000])
    parser.add_argument("--pages", nargs="+", choices=[key for key, _ in PAGES if key != "minimal"], default=[])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL and mode")
    parser.add_argument("--rounds", type=int, default=5, help="content changes timed per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument("--tag", default="", help="results file bench/results-<db>[-<tag>].json")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep a database generated by an earlier run")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    report = {
        "db": args.db,
        "settings": vars(args),
        "commit": commit.stdout.strip(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "scales": {},
    }
    for scale in args.scales:
        report["scales"][str(scale)] = measure(args.db, scale, args)
    out = ROOT / "bench" / f"results-{args.db}{'-' + args.tag if args.tag else ''}.json"
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"\nwrote {out}; the tables: .venv/bin/python bench/report.py {out.name}")


if __name__ == "__main__":
    main()
