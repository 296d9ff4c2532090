"""The project's own copy of the reference data (home/reference_data/*.json)."""

import datetime
import json
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference_data"


@cache
def load(name):
    """One reference file, parsed: `load("members")` reads members.json."""
    with (REFERENCE_DIR / f"{name}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def partial_date(text):
    """A date from "YYYY-MM-DD", "YYYY-MM" (first of the month) or "YYYY" (1 January)."""
    parts = [int(part) for part in text.split("-")]
    return datetime.date(parts[0], *(parts[1:] + [1, 1])[:2])


def citations(sources):
    """Reference `sources` as the raw value of a SourcesBlock StreamField."""
    return [
        {
            "type": "source",
            "value": {
                "title": source["title"],
                "url": source.get("url") or "",
                "year": source.get("year"),
                "publisher": source.get("publisher") or "",
            },
        }
        for source in sources or []
    ]


def _walk(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


@cache
def _sources_by_url():
    found = {}
    for name in ("members", "events", "news", "questions", "directory", "vocabularies", "sites"):
        for item in _walk(load(name)):
            if "title" in item and item.get("url") and "year" in item:
                found.setdefault(item["url"], item)
    return found


def source(url):
    """The reference data's own citation for `url` (title, year, url, publisher)."""
    try:
        return _sources_by_url()[url]
    except KeyError:
        raise LookupError(f"No source with the address {url} in the reference data") from None
