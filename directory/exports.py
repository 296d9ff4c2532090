"""Open-data exports of the directory: the same entries, under the same filters, as /directory/.

The columns are declared once, with their types, in directory/export_schema.py.
Both exports stream: rows are read a chunk at a time and sent as they are
written, so memory stays flat and the first byte leaves early, whatever the
number of entries.
"""

import csv
import json

from django.http import StreamingHttpResponse
from django.urls import reverse

from directory.export_schema import COLUMNS, LIST_JOIN, SOURCES_JOIN
from directory.listing import directory_listing
from directory.models.responsibility import CHOICE_FIELDS
from home.licences import data_licence

SOURCE_KEYS = ("title", "url", "year", "publisher")

# A spreadsheet runs a cell that starts with one of these as a formula
# (OWASP, CSV injection): the CSV gives such text cells a leading apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


# Entries read per round of queries: bounds memory and the size of `IN (...)`.
EXPORT_CHUNK = 1000
TERM_FIELDS = ("data_sources", "methods", "value_propositions", "topics", "regions", "protections", "arrangements")
BASE_FIELDS = (
    "pk",
    "slug",
    "title",
    "url_path",
    "summary",
    "year_started",
    "year_basis",
    "year_ended",
    "status",
    "collaborative_type__name",
    "data_responsibility",
    "sources",
    "last_published_at",
    *CHOICE_FIELDS,
)


def export_rows(index_page, request):
    """One dict per live, public entry matching the request's filters, in the
    directory's order. Drafts and submitter details never appear: only published
    page fields are read."""
    listing = directory_listing(index_page, request.GET)
    return rows_for_ids(index_page, listing.ids, index_page.get_full_url(request))


def rows_for_ids(index_page, ids, index_url):
    """The export rows of the entries `ids`, in that order.

    Read as plain values, a chunk at a time with one query per relation: building
    10,000 page objects with their prefetched relations took about 12 s.
    """
    for start in range(0, len(ids), EXPORT_CHUNK):
        yield from _rows(ids[start : start + EXPORT_CHUNK], index_page.url_path, index_url)


def _rows(ids, index_path, index_url):
    from django.utils.html import strip_tags

    from directory.models import DirectoryEntryPage, EntryCountry, EntryOrganisation

    entries = DirectoryEntryPage.objects.live().public().filter(pk__in=ids).values(*BASE_FIELDS)
    by_id = {entry["pk"]: entry for entry in entries}
    terms = {name: _term_names(name, ids) for name in TERM_FIELDS}
    countries = _grouped(EntryCountry.objects.filter(page_id__in=ids).order_by("sort_order", "pk"), "country")
    organisations = _grouped(EntryOrganisation.objects.filter(page_id__in=ids).order_by("sort_order", "pk"), "name")
    for pk in ids:
        entry = by_id.get(pk)
        if entry is None:
            continue
        # Entries sit below the directory page, so their URL extends its URL.
        url = index_url + entry["url_path"][len(index_path) :] if index_url else None
        yield {
            "slug": entry["slug"],
            "title": entry["title"],
            "url": url,
            "summary": entry["summary"],
            "year_started": entry["year_started"],
            "year_basis": entry["year_basis"],
            "year_ended": entry["year_ended"],
            "status": entry["status"],
            "data_sources": terms["data_sources"].get(pk, []),
            "methods": terms["methods"].get(pk, []),
            "value_propositions": terms["value_propositions"].get(pk, []),
            "collaborative_type": entry["collaborative_type__name"],
            "topics": terms["topics"].get(pk, []),
            "countries": countries.get(pk, []),
            "regions": terms["regions"].get(pk, []),
            "organisations": organisations.get(pk, []),
            "data_responsibility": strip_tags(entry["data_responsibility"]).strip(),
            "sources": [_source(block.value) for block in entry["sources"]],
            "last_published_at": entry["last_published_at"].isoformat() if entry["last_published_at"] else None,
            "personal_data": entry["personal_data"],
            "sharing_level": entry["sharing_level"],
            "protections": terms["protections"].get(pk, []),
            "arrangements": terms["arrangements"].get(pk, []),
            "ethics_review": entry["ethics_review"],
            "group_privacy": entry["group_privacy"],
            "sensitivity": entry["sensitivity"],
        }


def _term_names(field_name, ids):
    """{entry id: [term names in the vocabulary's order]} for one many-to-many field."""
    from directory.models import DirectoryEntryPage

    field = DirectoryEntryPage._meta.get_field(field_name)
    page_key, term = f"{field.m2m_field_name()}_id", field.m2m_reverse_field_name()
    rows = field.remote_field.through.objects.filter(**{f"{page_key}__in": ids}).order_by(f"{term}__name", f"{term}_id")
    return _grouped(rows, f"{term}__name", page_key=page_key)


def _grouped(rows, value, page_key="page_id"):
    grouped = {}
    for page_id, item in rows.values_list(page_key, value):
        grouped.setdefault(page_id, []).append(str(item))
    return grouped


def _source(value):
    """A citation as plain values, whatever the block's shape."""
    get = value.get if hasattr(value, "get") else lambda key: getattr(value, key, None)
    row = {}
    for key in SOURCE_KEYS:
        item = get(key)
        row[key] = None if item in (None, "") else (item if isinstance(item, int) else str(item))
    return row


def neutralise_formula(value):
    """A text cell as a spreadsheet shows it, never as a formula it runs.

    Numbers (the years) are left alone: a spreadsheet reads them as numbers,
    and the export has no negative ones. The JSON export is not touched.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class ExportResponse(StreamingHttpResponse):
    """Streamed to the client. `content` (what Django's test client and any
    caller wanting the whole body read) drains the stream once and keeps it."""

    @property
    def content(self):
        if not hasattr(self, "_drained"):
            self._drained = b"".join(self.streaming_content)
            self.streaming_content = [self._drained]
        return self._drained

    @property
    def text(self):
        return self.content.decode(self.charset)


class _Echo:
    """A file-like object whose write() hands back the line csv.writer wrote."""

    def write(self, value):
        return value


def flatten(row):
    """A row as CSV cells: lists joined, empty values empty, formulas neutralised."""
    flat = []
    for key in COLUMNS:
        value = row.get(key)
        if key == "sources":
            value = SOURCES_JOIN.join(str(source["url"] or source["title"] or "") for source in value)
        elif isinstance(value, list):
            value = LIST_JOIN.join(value)
        flat.append("" if value is None else neutralise_formula(value))
    return flat


def csv_lines(rows):
    """The CSV export, line by line (RFC 4180: CRLF line ends)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow(flatten(row))


def json_chunks(rows, *, count, licence, version=None):
    """The JSON export, an entry at a time: {"count", "columns", "licence", "version", "entries"}."""
    head = {"count": count, "columns": COLUMNS, "licence": licence.as_dict(), "version": version}
    yield json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "entries": ['
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def _licence_headers(response, licence):
    # RFC 8288 link relations: the licence, and the schema that describes the columns.
    described_by = reverse("directory_datapackage")
    response["Link"] = f'<{licence.url}>; rel="license", <{described_by}>; rel="describedby"'
    return response


def csv_response(index_page, request):
    response = ExportResponse(csv_lines(export_rows(index_page, request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bd4m-directory.csv"'
    return _licence_headers(response, data_licence(index_page.get_site()))


def json_response(index_page, request):
    listing = directory_listing(index_page, request.GET)
    rows = rows_for_ids(index_page, listing.ids, index_page.get_full_url(request))
    licence = data_licence(index_page.get_site())
    # The live export is no release: "version" names one only in a release's copy.
    chunks = json_chunks(rows, count=len(listing.ids), licence=licence)
    response = ExportResponse(chunks, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return _licence_headers(response, licence)


def directory_for(request):
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
    return csv_response(directory_for(request), request)


def export_json_view(request):
    return json_response(directory_for(request), request)
