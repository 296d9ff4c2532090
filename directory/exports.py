"""Open-data exports of the directory: the same entries, under the same filters, as /directory/.

Column names are part of the public contract (docs/open-data.md): add columns,
never rename or remove one.
"""

import csv
import json

from django.http import HttpResponse

from directory.selectors import directory_listing

COLUMNS = [
    "slug",
    "title",
    "url",
    "summary",
    "year_started",
    "year_basis",
    "year_ended",
    "status",
    "data_sources",
    "methods",
    "value_propositions",
    "collaborative_type",
    "topics",
    "countries",
    "regions",
    "organisations",
    "data_responsibility",
    "sources",
    "last_published_at",
]


SOURCE_KEYS = ("title", "url", "year", "publisher")


def _names(terms):
    return [term.name for term in terms]


def export_rows(index_page, request):
    """One dict per live, public entry matching the request's filters. Drafts and
    submitter details never appear: only published page fields are read."""
    from django.utils.html import strip_tags

    listing = directory_listing(index_page, request.GET)
    # Loaded in chunks, each with its relations prefetched: a fixed number of
    # queries per chunk whatever the size of the export.
    entries = listing.entries.with_related("methods", "value_propositions", "organisation_links")
    for entry in entries:
        yield {
            "slug": entry.slug,
            "title": entry.title,
            "url": entry.get_full_url(request),
            "summary": entry.summary,
            "year_started": entry.year_started,
            "year_basis": entry.year_basis,
            "year_ended": entry.year_ended,
            "status": entry.status,
            "data_sources": _names(entry.data_sources.all()),
            "methods": _names(entry.methods.all()),
            "value_propositions": _names(entry.value_propositions.all()),
            "collaborative_type": entry.collaborative_type.name if entry.collaborative_type else None,
            "topics": _names(entry.topics.all()),
            "countries": [link.country.code for link in entry.country_links.all()],
            "regions": _names(entry.regions.all()),
            "organisations": [link.name for link in entry.organisation_links.all()],
            "data_responsibility": strip_tags(entry.data_responsibility).strip(),
            "sources": [_source(block.value) for block in entry.sources],
            "last_published_at": entry.last_published_at.isoformat() if entry.last_published_at else None,
        }


def _source(value):
    """A citation as plain values, whatever the block's shape."""
    get = value.get if hasattr(value, "get") else lambda key: getattr(value, key, None)
    row = {}
    for key in SOURCE_KEYS:
        item = get(key)
        row[key] = None if item in (None, "") else (item if isinstance(item, int) else str(item))
    return row


def csv_response(index_page, request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bd4m-directory.csv"'
    writer = csv.DictWriter(response, fieldnames=COLUMNS)
    writer.writeheader()
    for row in export_rows(index_page, request):
        flat = {}
        for key, value in row.items():
            if key == "sources":
                value = " | ".join(str(source["url"] or source["title"] or "") for source in value)
            elif isinstance(value, list):
                value = "; ".join(value)
            flat[key] = "" if value is None else value
        writer.writerow(flat)
    return response


def json_response(index_page, request):
    rows = list(export_rows(index_page, request))
    payload = {"count": len(rows), "columns": COLUMNS, "entries": rows}
    response = HttpResponse(json.dumps(payload, ensure_ascii=False, indent=1), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _directory_for(request):
    from django.http import Http404

    from wagtail.models import Locale, Site

    from directory.models import DirectoryIndexPage

    site = Site.find_for_request(request)
    indexes = DirectoryIndexPage.objects.live().public()
    if site is not None:
        indexes = indexes.in_site(site)
    index = indexes.filter(locale=Locale.get_active()).first() or indexes.first()
    if index is None:
        raise Http404("No directory")
    return index


def export_csv_view(request):
    """/directory/export.csv: Wagtail's page URLs cannot end in a file name, so
    this URL is routed here and answers as the site's directory would."""
    return csv_response(_directory_for(request), request)


def export_json_view(request):
    return json_response(_directory_for(request), request)
