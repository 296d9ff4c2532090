"""Dated releases of the directory: the exports, their data package, a
CITATION.cff and the change list since the previous release, written once to
the default storage with their SHA-256 checksums.

A release is never rewritten: one a day (the date is its version), and a
second request the same day gets the existing one back, untouched.
"""

import datetime
import hashlib
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from directory.catalogue import data_package
from directory.citations import citation_cff
from directory.exports import csv_lines, json_chunks, rows_for_ids
from directory.listing import directory_listing
from home.licences import data_licence

# Left out of an entry's fingerprint: publishing an entry again unchanged is no change.
UNFINGERPRINTED = ("last_published_at",)


def fingerprint(row):
    kept = {key: value for key, value in row.items() if key not in UNFINGERPRINTED}
    return hashlib.sha256(json.dumps(kept, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def change_list(previous, current):
    """{"added", "changed", "removed"}: slugs, sorted, from two {slug: fingerprint} maps."""
    return {
        "added": sorted(set(current) - set(previous)),
        "changed": sorted(slug for slug in set(current) & set(previous) if current[slug] != previous[slug]),
        "removed": sorted(set(previous) - set(current)),
    }


def release_page_url(index, version, request=None):
    """The release's fixed address, /directory/releases/<version>/, in full."""
    return (index.get_full_url(request) or index.get_url(request)) + index.reverse_subpage("release", args=[version])


def make_release(*, index, date: datetime.date | None = None):
    """(release, created): today's release of the directory `index`, made now
    unless it already exists (then returned as it is, created False)."""
    from directory.models import DirectoryRelease

    date = date or datetime.date.today()
    existing = DirectoryRelease.objects.filter(date=date).first()
    if existing is not None:
        return existing, False
    version = date.isoformat()
    directory_url = index.get_full_url()
    licence = data_licence(index.get_site())
    ids = directory_listing(index, QueryDict()).ids
    rows = list(rows_for_ids(index, ids, directory_url))
    fingerprints = {row["slug"]: fingerprint(row) for row in rows}
    previous = DirectoryRelease.objects.filter(date__lt=date).order_by("-date").first()
    changes = change_list(previous.fingerprints if previous else {}, fingerprints)

    package = data_package(index, directory_url=directory_url, version=version, created=timezone.now())
    package["id"] = release_page_url(index, version)
    files = {
        "export.csv": "".join(csv_lines(rows)),
        "export.json": "".join(json_chunks(rows, count=len(rows), licence=licence, version=version)),
        "datapackage.json": json.dumps(package, ensure_ascii=False, indent=1) + "\n",
        "CITATION.cff": citation_cff(
            version=version,
            date=date,
            url=release_page_url(index, version),
            licence=licence,
            abstract=package["description"],
        ),
        "changes.json": json.dumps(
            {"version": version, "previous": previous.version if previous else None, **changes}, indent=1
        )
        + "\n",
    }
    contents = {name: text.encode() for name, text in files.items()}
    checksums = {name: hashlib.sha256(content).hexdigest() for name, content in contents.items()}
    contents["SHA256SUMS"] = "".join(f"{digest}  {name}\n" for name, digest in checksums.items()).encode()
    checksums["SHA256SUMS"] = hashlib.sha256(contents["SHA256SUMS"]).hexdigest()

    release = DirectoryRelease(
        date=date,
        version=version,
        entry_count=len(rows),
        checksums=checksums,
        changes=changes,
        fingerprints=fingerprints,
    )
    try:
        with transaction.atomic():
            release.save()
            for name, content in contents.items():
                _write_once(release.storage_path(name), content)
    except IntegrityError:
        # Another process made today's release meanwhile: that one stands.
        return DirectoryRelease.objects.get(date=date), False
    return release, True


def _write_once(path, content):
    """Store `content` at exactly `path`. Files left there by an attempt whose
    database row was rolled back belong to no release, so they are replaced."""
    if default_storage.exists(path):
        default_storage.delete(path)
    saved = default_storage.save(path, ContentFile(content))
    if saved != path:
        raise RuntimeError(f"storage saved {path} as {saved}")


def open_release_file(release, name):
    return default_storage.open(release.storage_path(name), "rb")
