"""The results tables of docs/performance.md, regenerated from bench/run.py's raw results.

    .venv/bin/python bench/report.py                 # rewrite the section in docs/performance.md
    .venv/bin/python bench/report.py --print         # print it instead
    .venv/bin/python bench/report.py results-sqlite-quick.json --print

Reads bench/results-sqlite.json and bench/results-postgres.json (or the files
named), and bench/results-<db>-before.json when present for the before/after
table. Writes between the `<!-- bench:results -->` and `<!-- /bench:results -->`
lines of docs/performance.md. Every figure is from one run: a page's share is
its requests per second over the minimal view's, measured by the same server
minutes apart.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import LABELS  # noqa: E402

DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:results -->", "<!-- /bench:results -->"
# The targets of issue 17 (rendered afresh at the largest scale).
MIN_SHARE, MAX_PUBLISH, MAX_EDITOR, MAX_SLOWDOWN, MAX_POSTGRES = 0.10, 3.0, 2.0, 1.5, 1.3


def cost_ms(figures, workers):
    """Server time per request: with `workers` processes busy, 1000 * workers / req/s
    (p50 under wrk also counts the wait in the queue of 8 connections)."""
    return 1000 * workers / figures["rps"] if figures and figures.get("rps") else None


def fmt(value, spec=".3f", mark=None):
    if value is None:
        return "–"
    text = format(value, spec)
    return f"**{text}**" if mark else text


def scale_table(result, scale):
    rows = result["scales"][scale]
    workers = result["settings"].get("workers", 2)
    yardsticks = [rows["minimal"]["same"]["rps"]]
    yardsticks += [row["minimal_rps"] for row in rows.values() if "minimal_rps" in row]
    lines = [
        f"{result['db']}, {int(scale):,} entries (the minimal view, measured beside each page: "
        f"{min(yardsticks):.0f} to {max(yardsticks):.0f} req/s); **bold** = misses its target",
        "",
        "| page | KB | same URL | rendered afresh | afresh ms | editor | editor ÷ afresh "
        "| after a publish, ms | ÷ afresh |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, row in rows.items():
        if key == "minimal":
            continue
        afresh, editor, publish = row.get("afresh"), row.get("editor"), row.get("publish")
        afresh_ms = cost_ms(afresh, workers)
        editor_ratio = afresh["rps"] / editor["rps"] if afresh and editor and editor["rps"] else None
        publish_ratio = publish["median"] / afresh_ms if publish and afresh_ms else None
        share = afresh["share"] if afresh else None
        lines.append(
            "| "
            + " | ".join(
                [
                    LABELS.get(key, row["label"]) + ("" if row["status"] == 200 else f" ({row['status']})"),
                    f"{row['bytes'] / 1024:.0f}",
                    fmt(row.get("same", {}).get("share"), ".2f"),
                    fmt(share, ".3f", share is not None and share < MIN_SHARE),
                    fmt(afresh_ms, ".1f"),
                    fmt(editor["share"] if editor else None),
                    fmt(editor_ratio, ".2f", editor_ratio and editor_ratio > MAX_EDITOR),
                    fmt(publish["median"] if publish else None, ".0f"),
                    fmt(publish_ratio, ".1f", publish_ratio and publish_ratio > MAX_PUBLISH),
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def growth_table(results):
    """Rendered afresh: the slowdown from the smallest to the largest scale, and
    PostgreSQL's cost over SQLite's at each scale."""
    by_db = {result["db"]: result for result in results}
    scales = sorted({scale for result in results for scale in result["scales"]}, key=int)
    if len(scales) < 2 and len(by_db) < 2:
        return ""
    header = ["page"]
    for db in by_db:
        header += [f"{db} share at {int(s):,}" for s in scales] + ([f"{db} slowdown"] if len(scales) > 1 else [])
    if {"sqlite", "postgres"} <= set(by_db):
        header += [f"PostgreSQL ÷ SQLite at {int(s):,}" for s in scales]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def share(db, scale, key):
        return by_db[db]["scales"].get(scale, {}).get(key, {}).get("afresh", {}).get("share")

    keys = [key for key in LABELS if key != "minimal"]
    for key in keys:
        cells = [LABELS[key]]
        for db in by_db:
            shares = [share(db, s, key) for s in scales]
            cells += [fmt(value, ".3f", value is not None and value < MIN_SHARE) for value in shares]
            if len(scales) > 1:
                slowdown = shares[0] / shares[-1] if shares[0] and shares[-1] else None
                cells.append(fmt(slowdown, ".2f", slowdown and slowdown > MAX_SLOWDOWN))
        if {"sqlite", "postgres"} <= set(by_db):
            for s in scales:
                lite, pg = share("sqlite", s, key), share("postgres", s, key)
                ratio = lite / pg if lite and pg else None
                cells.append(fmt(ratio, ".2f", ratio and ratio > MAX_POSTGRES))
        if any(cell != "–" for cell in cells[1:]):
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def before_after(result, before):
    """Rendered afresh, share of the minimal view: the `before` run against this one."""
    lines = ["| page | scale | before | after | × |", "|---|---|---|---|---|"]
    for scale, rows in result["scales"].items():
        for key, row in rows.items():
            old = before["scales"].get(scale, {}).get(key, {}).get("afresh")
            new = row.get("afresh")
            if old and new:
                gain = new["share"] / old["share"] if old["share"] else None
                lines.append(
                    f"| {LABELS.get(key, key)} | {int(scale):,} | {old['share']:.3f} | {new['share']:.3f} "
                    f"| {fmt(gain, '.1f')} |"
                )
    return "\n".join(lines) if len(lines) > 2 else ""


def section(paths):
    results = [json.loads(path.read_text()) for path in paths if path.exists()]
    # Results of the earlier benchmark (a list of URLs per scale) have no page types.
    results = [result for result in results if all(isinstance(rows, dict) for rows in result["scales"].values())]
    if not results:
        sys.exit("no results: run bench/run.py first")
    parts = []
    for result in results:
        settings = result["settings"]
        parts.append(
            f"### {result['db']}, run of {result.get('date', '?')} (commit {result.get('commit', '?')})\n\n"
            f"{settings.get('workers', 2)} gunicorn workers, `wrk -t{settings.get('threads', 2)} "
            f"-c{settings.get('connections', 8)} -d{settings.get('duration')}s` per page and mode, "
            f"{settings.get('rounds', 5)} publishes timed per page."
        )
        parts += [scale_table(result, scale) for scale in sorted(result["scales"], key=int)]
        before_path = ROOT / "bench" / f"results-{result['db']}-before.json"
        if before_path.exists():
            table = before_after(result, json.loads(before_path.read_text()))
            if table:
                parts.append(f"Before ({before_path.name}) and after, rendered afresh, same machine:\n\n{table}")
    growth = growth_table(results)
    if growth:
        parts.append("### Growth with the data and PostgreSQL against SQLite (rendered afresh)\n\n" + growth)
    return "\n\n".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="*", help="file names under bench/ (default: both databases' results)")
    parser.add_argument("--print", action="store_true", help="print the section instead of writing the doc")
    args = parser.parse_args()
    names = args.results or ["results-sqlite.json", "results-postgres.json"]
    text = section([ROOT / "bench" / name for name in names])
    if args.print:
        print(text)
        return
    doc = DOC.read_text()
    if BEGIN not in doc or END not in doc:
        sys.exit(f"{DOC} has no {BEGIN} ... {END} section")
    head, rest = doc.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n\n{text}\n\n{END}{tail}")
    print(f"rewrote the results in {DOC}")


if __name__ == "__main__":
    main()
