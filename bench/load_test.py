"""The load test (not a test of the suite): the site as it runs in production,
under a mix of traffic, with and without Varnish in front.

    .venv/bin/python bench/load_test.py [--duration 60] [--entries 100]

Production settings (bench/production_settings.py: hub.settings.production
plus the minimal view), gunicorn with the repository's gunicorn.conf.py,
PostgreSQL (a database of its own, `hub_load`) and Redis (127.0.0.1:6379,
database 7, emptied first). For `--duration` seconds, at the same time:

- page views of the sitemap's pages, the same URLs repeated ("cached");
- page views with a new, ignored parameter each ("afresh": the page cache
  and Varnish never answer);
- searches (`/search/?q=` and `/directory/?q=` over a list of words);
- 1 % of the requests are public event submissions (a GET of the form, then
  the POST with its tokens), each from a client address of its own: the
  generator binds each connection to a new loopback address (127.x.y.z), so
  the site (directly, or through Varnish's X-Forwarded-For) sees varied
  clients, as the submission limit per address expects.

It reports req/s, p50 and p95 per kind, the 5xx count and socket errors
(both must be 0), and the submissions answered "thank you" against the rows
added to the database (must be equal). In the same run: the minimal Django
view (20 KB, no database) straight from gunicorn, and Varnish serving a
static file. Talks only to 127.0.0.1; every wait is bounded.
"""

import argparse
import http.client
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import GUNICORN, PG_URL, PYTHON, ROOT, free_port  # noqa: E402

WORK = Path(os.environ.get("BENCH_DIR", "/tmp/hub-load"))
VCL = ROOT / "deploy" / "varnish" / "hub.vcl"  # includes site.vcl beside it
GUNICORN_CONF = ROOT / "gunicorn.conf.py"
SEARCH_WORDS = [
    *("migration", "mobile phone", "remittances", "displacement"),
    *("census", "asylum", "climate", "zanzibarite"),
]
DATABASE = "hub_load"
WARM_UP = 10  # seconds, twice


def loopback_production_env(work, **settings):
    """The environment of a site built in `work` and served under production
    settings on plain HTTP on loopback (no TLS redirect, cookies sent without
    it), with `settings` on top; shared with bench/lighthouse.py."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "HUB_CONTENT_VERSION_FILE": str(work / "content-version"),
        "GUNICORN_ACCESS_LOG": "",
        **settings,
    }


def manage(env, *args, **kwargs):
    return subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, timeout=1800, **kwargs
    )


def prepare(entries):
    admin = PG_URL.format(name="postgres")
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {DATABASE}"], check=True, timeout=120)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {DATABASE}"], check=True, timeout=120)
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = loopback_production_env(
        WORK,
        DJANGO_SETTINGS_MODULE="bench.production_settings",
        SECRET_KEY="load-test-only",
        DATABASE_URL=PG_URL.format(name=DATABASE),
        REDIS_URL="redis://127.0.0.1:6379/7",
    )
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "-n", "7", "FLUSHDB"], check=True, timeout=30, capture_output=True)
    manage(env, "migrate", "--noinput", "-v0")
    # The demo content's users are refused by production settings; loading is
    # the same with the base settings on the same database.
    manage({**env, "DJANGO_SETTINGS_MODULE": "bench.settings"}, "load_demo_content", stdout=subprocess.DEVNULL)
    manage(
        {**env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        "generate_bench_content", "--entries", str(entries), "--events", str(max(entries // 5, 1)),
        "--news", str(max(entries // 2, 1)), stdout=subprocess.DEVNULL,
    )  # fmt: skip
    subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True, timeout=600)
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def start_gunicorn(env, port, workers, name):
    command = [GUNICORN, "hub.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    if GUNICORN_CONF.exists():
        command[1:1] = ["--config", str(GUNICORN_CONF)]
    log = open(WORK / f"gunicorn-{name}.log", "wb")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    wait_for(f"http://127.0.0.1:{port}/bench/minimal/", server)
    return server


def start_varnish(backend_port, port):
    """varnishd in the foreground with the repository's VCL, its site.vcl pointed at `backend_port`."""
    shutil.copy(VCL, WORK / "hub.vcl")
    site = (VCL.parent / "site.vcl").read_text()
    site = re.sub(r'(\.port\s*=\s*)"[^"]*"', rf'\1"{backend_port}"', site, count=1)
    (WORK / "site.vcl").write_text(site)
    workdir = WORK / "varnish"
    workdir.mkdir(exist_ok=True)
    command = ["varnishd", "-F", "-a", f"127.0.0.1:{port}", "-f", str(WORK / "hub.vcl"), "-n", str(workdir)]
    command += ["-s", "malloc,256m"]
    log = open(WORK / "varnish.log", "wb")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    wait_for(f"http://127.0.0.1:{port}/healthz", server)
    return server


def wait_for(url, process, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited; see {WORK}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer")


def sitemap_paths(base, limit=40):
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=60) as response:
        xml = response.read().decode()
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]
    return sorted(set(paths))[:limit] or ["/"]


def wrk_kind(url, paths, *, afresh, duration, connections):
    """Start one wrk process for one kind of traffic; returns the process."""
    script = WORK / f"mix-{abs(hash((url, afresh, tuple(paths))))}.lua"
    table = ", ".join(json.dumps(path) for path in paths)
    script.write_text(
        f"paths = {{{table}}}\nafresh = {'true' if afresh else 'false'}\n" + (ROOT / "bench" / "mix.lua").read_text()
    )
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", str(script), url]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wrk_result(process, duration):
    out, err = process.communicate(timeout=duration + 120)
    if process.returncode:
        raise RuntimeError(f"wrk failed: {err}")
    return json.loads(out.strip().splitlines()[-1])


class Submitter:
    """Public event submissions at a fixed rate, each from a loopback address of its own."""

    def __init__(self, host, port, rate):
        self.host, self.port, self.interval = host, port, 1 / rate if rate > 0 else None
        self.latencies, self.thanked, self.refused, self.errors, self.server_errors = [], 0, 0, 0, 0
        octets = itertools.product(range(10, 250), range(1, 250), range(1, 250))
        self.addresses = (f"127.{a}.{b}.{c}" for a, b, c in octets)
        self.lock = threading.Lock()

    def run(self, duration):
        threads, deadline = [], time.monotonic() + duration
        next_at = time.monotonic()
        while self.interval and time.monotonic() < deadline:
            with self.lock:
                address = next(self.addresses)
            thread = threading.Thread(target=self.submit_one, args=(address,), daemon=True)
            thread.start()
            threads.append(thread)
            next_at += self.interval
            time.sleep(max(0.0, next_at - time.monotonic()))
        for thread in threads:
            thread.join(timeout=60)

    def request(self, address, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30, source_address=(address, 0))
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def submit_one(self, address):
        started = time.monotonic()
        try:
            status, headers, html = self.request(address, "GET", "/events/submit/")
            cookie = "; ".join(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie")
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            token = re.search(r'name="form_token" value="([^"]+)"', html)
            if status != 200 or not csrf or not token:
                self.count(status, thanked=False)
                return
            year = time.gmtime().tm_year + 1
            fields = {
                "csrfmiddlewaretoken": csrf.group(1),
                "form_token": token.group(1),
                "title": f"Load test dialogue {address}",
                "event_type": "dialogue",
                "start": f"{year}-05-10T14:00",
                "end": f"{year}-05-10T17:30",
                "time_zone": "Europe/Brussels",
                "intro": "A dialogue sent by the load test.",
                "organiser_text": "Load test",
                "venue": "Loopback",
                "city": "Brussels",
                "country": "BE",
                "submitter_name": "Load Tester",
                "submitter_email": "load-test@example.org",
            }
            body = urllib.parse.urlencode(fields)
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": f"http://{self.host}:{self.port}/events/submit/",
            }
            status, headers, _ = self.request(address, "POST", "/events/submit/", body, headers)
            location = dict((k.lower(), v) for k, v in headers).get("location", "")
            self.count(status, thanked=status in (302, 303) and "thanks" in location)
        except OSError:
            with self.lock:
                self.errors += 1
        finally:
            with self.lock:
                self.latencies.append((time.monotonic() - started) * 1000)

    def count(self, status, *, thanked):
        with self.lock:
            self.thanked += thanked
            self.refused += not thanked
            self.server_errors += status >= 500

    def figures(self, duration):
        ordered = sorted(self.latencies) or [0]
        return {
            "requests": len(self.latencies) * 2,
            "rps": len(self.latencies) * 2 / duration,
            "p50": statistics.median(ordered),
            "p95": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
            "5xx": self.server_errors,
            "socket_errors": self.errors,
            "thanked": self.thanked,
            "refused": self.refused,
        }


def submission_rows(env):
    code = (
        "import django; django.setup(); from home.submissions.models import Submission; "
        "print(Submission.objects.count())"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=120
    )
    return int(out.stdout.strip().splitlines()[-1])


def mixed_load(env, port, *, duration, connections, label, rate=None):
    base = f"http://127.0.0.1:{port}"
    pages = sitemap_paths(base)
    searches = [f"/search/?q={urllib.parse.quote(w)}" for w in SEARCH_WORDS]
    searches += [f"/directory/?q={urllib.parse.quote(w)}" for w in SEARCH_WORDS]
    kinds = {"page views, cached": (pages, False), "page views, afresh": (pages, True), "searches": (searches, False)}
    if rate is None:
        # A first round of the same mix warms the caches (renditions, cards), a
        # second tells the rate at which 1 % of the requests are submissions.
        for _ in range(2):
            probe = {name: wrk_kind(base, paths, afresh=afresh, duration=WARM_UP, connections=connections)
                     for name, (paths, afresh) in kinds.items()}  # fmt: skip
            total = sum(wrk_result(process, WARM_UP)["rps"] for process in probe.values())
        rate = total * 0.01 / 0.99 / 2  # a submission is two requests: the form and the POST
    rows_before = submission_rows(env)
    submitter = Submitter("127.0.0.1", port, rate)
    processes = {name: wrk_kind(base, paths, afresh=afresh, duration=duration, connections=connections)
                 for name, (paths, afresh) in kinds.items()}  # fmt: skip
    submitter.run(duration)
    results = {name: wrk_result(process, duration) for name, process in processes.items()}
    results["public submissions (form + POST)"] = submitter.figures(duration)
    added = submission_rows(env) - rows_before
    print(f"\n{label}: {len(pages)} pages, {duration} s")
    for name, row in results.items():
        print(
            f"  {name:<34} {row['rps']:>8.1f} req/s  p50 {row['p50']:>7.1f} ms  p95 {row['p95']:>7.1f} ms"
            f"  5xx {row['5xx']}  socket errors {row['socket_errors']}"
        )
    share = results["public submissions (form + POST)"]["requests"] / max(
        sum(r["requests"] for r in results.values()), 1
    )
    print(f"  submissions thanked {submitter.thanked}, refused {submitter.refused}, rows added {added}")
    print(f"  submissions: {rate:.2f} a second, {share:.2%} of all requests")
    return {"kinds": results, "submissions_thanked": submitter.thanked, "rows_added": added, "rate": rate}


def single_url(url, duration, connections):
    process = wrk_kind(url, [urllib.parse.urlsplit(url).path], afresh=False, duration=duration, connections=connections)
    return wrk_result(process, duration)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--entries", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--connections", type=int, default=4, help="per kind of traffic")
    args = parser.parse_args()
    for tool in ("wrk", "varnishd", "psql", "redis-cli"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing (apt-get install wrk varnish postgresql-client redis-tools)")
    env = prepare(args.entries)
    app_port, varnish_port = free_port(), free_port()
    direct = start_gunicorn(env, app_port, args.workers, "direct")
    report = {"settings": vars(args)}
    varnish = None
    try:
        report["minimal view (gunicorn)"] = single_url(f"http://127.0.0.1:{app_port}/bench/minimal/", 10, 8)
        report["direct"] = mixed_load(env, app_port, duration=args.duration, connections=args.connections,
                                      label="gunicorn, no HTTP cache")  # fmt: skip
        direct.terminate()
        direct.wait(timeout=30)
        # Behind Varnish the site reads the client's address from X-Forwarded-For.
        direct = start_gunicorn({**env, "HUB_TRUST_X_FORWARDED_FOR": "1"}, app_port, args.workers, "behind-varnish")
        varnish = start_varnish(app_port, varnish_port)
        manifest = json.loads((WORK / "static" / "staticfiles.json").read_text())["paths"]
        static = "/static/" + next(iter(sorted(manifest.values())))
        report["static file (Varnish)"] = single_url(f"http://127.0.0.1:{varnish_port}{static}", 10, 8)
        # The same submissions a second as without Varnish: 1 % of what reaches the
        # app servers, not of the cached pages Varnish answers by the thousand.
        report["varnish"] = mixed_load(env, varnish_port, duration=args.duration, connections=args.connections,
                                       label="Varnish in front of gunicorn", rate=report["direct"]["rate"])  # fmt: skip
    finally:
        for process in (varnish, direct):
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
    for name in ("minimal view (gunicorn)", "static file (Varnish)"):
        row = report[name]
        print(f"{name:<36} {row['rps']:>8.1f} req/s  p50 {row['p50']:.1f} ms  p95 {row['p95']:.1f} ms")
    out = WORK / "load-test.json"
    out.write_text(json.dumps(report, indent=1))
    print(f"\nwrote {out}")
    failures = [
        label
        for label in ("direct", "varnish")
        if any(row["5xx"] or row["socket_errors"] for row in report[label]["kinds"].values())
        or report[label]["submissions_thanked"] != report[label]["rows_added"]
    ]
    if failures:
        sys.exit(f"load test failed for: {', '.join(failures)}")


if __name__ == "__main__":
    main()
