"""Dated releases of the directory: immutable snapshots researchers can cite."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The files of a release, in the order the releases page lists them; SHA256SUMS
# holds the checksums of the others.
RELEASE_FILES = ("export.csv", "export.json", "datapackage.json", "CITATION.cff", "changes.json")
CHECKSUMS_FILE = "SHA256SUMS"
RELEASE_MEDIA_TYPES = {
    "export.csv": "text/csv; charset=utf-8",
    "export.json": "application/json",
    "datapackage.json": "application/json",
    "CITATION.cff": "application/x-yaml; charset=utf-8",
    "changes.json": "application/json",
    CHECKSUMS_FILE: "text/plain; charset=utf-8",
}


class DirectoryRelease(models.Model):
    """One day's snapshot of the directory's exports, written once to the default
    storage under `directory-releases/<date>/` and never rewritten
    (directory/releases.py makes them)."""

    date = models.DateField(_("date"), unique=True)
    version = models.CharField(_("version"), max_length=20, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    entry_count = models.PositiveIntegerField(_("entries"))
    # {file name: SHA-256 hex digest}, as in the release's SHA256SUMS.
    checksums = models.JSONField(_("checksums"), default=dict)
    # {"added": [slugs], "changed": [slugs], "removed": [slugs]} since the previous release.
    changes = models.JSONField(_("changes"), default=dict)
    # {slug: fingerprint of its exported row}: what the next release compares with.
    fingerprints = models.JSONField(_("entry fingerprints"), default=dict)

    class Meta:
        verbose_name = _("directory release")
        ordering = ["-date"]

    def __str__(self):
        return self.version

    def storage_path(self, name):
        return f"directory-releases/{self.date.isoformat()}/{name}"

    @property
    def files(self):
        """[(file name, SHA-256)] of the release's files, then SHA256SUMS (not in its own list)."""
        return [(name, self.checksums.get(name)) for name in (*RELEASE_FILES, CHECKSUMS_FILE)]
