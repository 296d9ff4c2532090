"""Lighthouse on five public pages, mobile and desktop (not a test of the suite).

    .venv/bin/python bench/lighthouse.py [--runs 1] [--no-write]

Installs the `lighthouse` npm package at the version pinned in
bench/lighthouse/package-lock.json into bench/lighthouse/node_modules (`npm ci`,
no install scripts, so no browser is downloaded), builds a site of its own in
/tmp/hub-lighthouse (SQLite, migrate, the demo content, collectstatic), serves
it with gunicorn and the repository's gunicorn.conf.py under production
settings (plain HTTP on loopback), asks every page once so its renditions
exist, then runs Lighthouse with Debian's Chromium (CHROME_PATH=/usr/bin/chromium,
headless) on home, directory, an entry, events and a news page: mobile
(Lighthouse's default: a phone on slow 4G, simulated) and desktop (`--preset=desktop`).
With --runs N it keeps each page's median performance run.

Writes the scores (performance, accessibility, best practices, SEO), the Web
Vitals (LCP, CLS, TBT, FCP) and every audit that did not pass in the three
100-point categories into the "Lighthouse" section of docs/performance.md
(between its two markers), and the raw reports into /tmp/hub-lighthouse/reports.
Talks only to 127.0.0.1; every wait is bounded.
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load_test import GUNICORN_CONF, loopback_production_env, manage, wait_for  # noqa: E402
from bench.run import GUNICORN, ROOT, free_port  # noqa: E402

WORK = Path(os.environ.get("BENCH_DIR", "/tmp/hub-lighthouse"))
PACKAGE = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = PACKAGE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
REPORT = ROOT / "docs" / "performance.md"
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
# The demo content's reference slugs (as in tests/browser/test_public_pages.py).
PAGES = [
    ("home", "/"),
    ("directory", "/directory/"),
    ("entry", "/directory/flowminder-digicel-haiti-2010/"),
    ("events", "/events/"),
    ("news", "/news/ec-iom-launch-bd4m-2018/"),
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
VITALS = [
    ("LCP", "largest-contentful-paint", "ms"),
    ("CLS", "cumulative-layout-shift", ""),
    ("TBT", "total-blocking-time", "ms"),
    ("FCP", "first-contentful-paint", "ms"),
]


def install_lighthouse():
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=PACKAGE, check=True, timeout=600
        )
    return json.loads((PACKAGE / "node_modules" / "lighthouse" / "package.json").read_text())["version"]


def prepare():
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "reports").mkdir(parents=True)
    # Lighthouse counts loopback as secure, so plain HTTP measures what HTTPS would.
    env = loopback_production_env(
        WORK,
        SECRET_KEY="lighthouse-only",
        DATABASE_URL=f"sqlite:///{WORK / 'hub.sqlite3'}",
        WEB_CONCURRENCY="2",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    quiet = {"stdout": subprocess.DEVNULL}
    manage(env, "migrate", "--noinput", "-v0", **quiet)
    # Production settings refuse the demo content's users; the loading is the same with the base settings.
    manage({**env, "DJANGO_SETTINGS_MODULE": "hub.settings.base"}, "load_demo_content", **quiet)
    manage(env, "collectstatic", "--noinput", "-v0", **quiet)
    return env


def start_site(env, port):
    command = [GUNICORN, "--config", str(GUNICORN_CONF), "hub.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    log = open(WORK / "gunicorn.log", "wb")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    wait_for(f"http://127.0.0.1:{port}/healthz", server)
    return server


def warm(base):
    """Each page twice (two workers), so its renditions exist before Lighthouse measures:
    the first visit after a publish makes them once, for everyone."""
    for _name, path in PAGES:
        for _ in range(2):
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()


def lighthouse(url, form_factor, out, blocked=()):
    command = [
        "node", str(LIGHTHOUSE), url,
        "--output=json", f"--output-path={out}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking",
        "--max-wait-for-load=60000",
    ]  # fmt: skip
    if form_factor == "desktop":
        command.append("--preset=desktop")
    command += [f"--blocked-url-patterns={pattern}" for pattern in blocked]
    # Lighthouse now and then loses the trace of a page load ("NO_NAVSTART"), a
    # fault of its own recording: such a run is repeated, up to twice.
    for attempt in range(3):
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
        if done.returncode == 0:
            return json.loads(Path(out).read_text())
        print(f"Lighthouse failed on {url} ({form_factor}), attempt {attempt + 1} of 3", flush=True)
    raise SystemExit(f"Lighthouse failed three times on {url} ({form_factor})")


def summarise(report):
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    vitals = {label: report["audits"][audit]["numericValue"] for label, audit, _unit in VITALS}
    failing = set()
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.add(f"{category}: {ref['id']}")
    return {"scores": scores, "vitals": vitals, "failing": sorted(failing)}


def measure(base, runs, form_factors, blocked):
    results = []
    for form_factor in form_factors:
        for name, path in PAGES:
            attempts = []
            for run in range(runs):
                out = WORK / "reports" / f"{name}-{form_factor}-{run}.json"
                attempts.append(summarise(lighthouse(base + path, form_factor, out, blocked)))
            attempts.sort(key=lambda a: a["scores"]["performance"])
            result = attempts[len(attempts) // 2]
            result.update(page=name, path=path, form_factor=form_factor)
            results.append(result)
            print(f"{form_factor:<8} {name:<10} {result['scores']} {result['failing']}", flush=True)
    return results


def vital(value, unit):
    return f"{value:.3f}" if not unit else f"{value:,.0f} {unit}"


def section(results, version, runs, blocked=()):
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        START,
        "## Lighthouse",
        "",
        f"`bench/lighthouse.py`, run {when}: Lighthouse {version} (npm, pinned in",
        "`bench/lighthouse/package-lock.json`) with Debian's Chromium, headless, against",
        "gunicorn under production settings on SQLite with the demo content, on this",
        "2-core machine shared with other work. Mobile is Lighthouse's default (a phone",
        "on slow 4G, simulated throttling); desktop is `--preset=desktop`."
        + (f" Median performance of {runs} runs per page." if runs > 1 else " One run per page."),
        *([f"Blocked in the browser: {', '.join(f'`{p}`' for p in blocked)}."] if blocked else []),
        "",
        "| page | form | perf. | a11y | best pr. | SEO | LCP | CLS | TBT | FCP |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results:
        s, v = row["scores"], row["vitals"]
        cells = [f"{row['page']} (`{row['path']}`)", row["form_factor"]]
        cells += [str(s[c]) for c in CATEGORIES]
        cells += [vital(v[label], unit) for label, _audit, unit in VITALS]
        lines.append("| " + " | ".join(cells) + " |")
    failing = sorted({audit for row in results for audit in row["failing"]})
    lines += ["", "Audits not passed in accessibility, best practices and SEO: " + (", ".join(failing) or "none") + "."]
    mobile = [row["scores"]["performance"] for row in results if row["form_factor"] == "mobile"]
    if mobile:  # not with --form-factor desktop
        lines.append(f"Mobile performance: {min(mobile)} to {max(mobile)} (median {statistics.median(mobile):g}).")
    lines.append(END)
    return "\n".join(lines)


def write(text):
    document = REPORT.read_text()
    if START in document:
        before, rest = document.split(START, 1)
        document = before + text + rest.split(END, 1)[1]
    else:
        document = document.rstrip("\n") + "\n\n" + text + "\n"
    REPORT.write_text(document)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="runs per page and form factor (median kept)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    parser.add_argument("--form-factor", choices=["mobile", "desktop"], action="append", help="default: both")
    parser.add_argument(
        "--block", action="append", default=[], metavar="PATTERN", help="URL pattern the browser refuses (experiments)"
    )
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit("chromium is missing: apt-get install chromium")
    version = install_lighthouse()
    env = prepare()
    port = free_port()
    server = start_site(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        warm(base)
        results = measure(base, args.runs, args.form_factor or ["mobile", "desktop"], args.block)
    finally:
        server.terminate()
        server.wait(timeout=30)
    (WORK / "results.json").write_text(json.dumps(results, indent=1))
    text = section(results, version, args.runs, args.block)
    print(text)
    if not args.no_write and not args.block:
        write(text)
        print(f"\nwrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
