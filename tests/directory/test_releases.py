"""Dated releases: made by the command or a moderator, immutable, with checksums,
a change list, a data package that frictionless validates and a CITATION.cff."""

import datetime
import hashlib
import io
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

import frictionless
import pytest
import yaml

from directory.models import DirectoryRelease
from directory.releases import make_release
from tests.directory.conftest import SECRETS
from tests.factories import entry_page
from tests.utils import refused

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def run_command():
    out = io.StringIO()
    call_command("make_directory_release", stdout=out)
    return out.getvalue()


def release_file(client, version, name):
    response = client.get(f"/directory/releases/{version}/{name}")
    assert response.status_code == 200, name
    return response


def test_command_makes_one_release_a_day_with_checksums(client, open_data):
    assert "Made release" in run_command()
    release = DirectoryRelease.objects.get()
    assert release.version == TODAY.isoformat() and release.entry_count == 2
    assert release.changes == {"added": ["camps", "haiti"], "changed": [], "removed": []}
    sums = release_file(client, release.version, "SHA256SUMS").content.decode()
    for name in ("export.csv", "export.json", "datapackage.json", "CITATION.cff", "changes.json"):
        content = release_file(client, release.version, name).content
        digest = hashlib.sha256(content).hexdigest()
        assert release.checksums[name] == digest
        assert f"{digest}  {name}\n" in sums
        for secret in SECRETS:
            assert secret.encode() not in content
    # A second run the same day changes nothing and says so.
    assert "already exists; nothing was changed" in run_command()
    assert DirectoryRelease.objects.count() == 1


def test_release_files_are_cacheable_forever_and_unknown_ones_404(client, open_data):
    release, _ = make_release(index=open_data["directory_index"])
    response = release_file(client, release.version, "export.csv")
    assert "immutable" in response["Cache-Control"] and "max-age=31536000" in response["Cache-Control"]
    assert client.get(f"/directory/releases/{release.version}/secrets.txt").status_code == 404
    assert client.get("/directory/releases/1999-01-01/export.csv").status_code == 404
    assert client.get("/directory/releases/not-a-date/export.csv").status_code == 404


def test_release_data_package_validates_and_its_citation_file_parses(client, open_data):
    release, _ = make_release(index=open_data["directory_index"])
    folder = Path(settings.MEDIA_ROOT) / "directory-releases" / release.version
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text())
    assert descriptor["version"] == release.version
    assert json.loads((folder / "export.json").read_text())["version"] == release.version
    cff = yaml.safe_load((folder / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == release.version and cff["license"] == "CC-BY-4.0"
    assert cff["authors"] == [{"name": "Big Data for Migration Alliance"}]
    assert cff["url"].endswith(f"/directory/releases/{release.version}/")


def test_a_release_never_changes_and_the_next_lists_the_changes(client, open_data):
    index = open_data["directory_index"]
    old, _ = make_release(index=index, date=TODAY - datetime.timedelta(days=1))
    before = {name: release_file(client, old.version, name).content for name, _digest in old.files}

    haiti = index.get_children().get(slug="haiti").specific
    haiti.title = "Haiti, renamed"
    haiti.save_revision().publish()
    index.get_children().get(slug="camps").specific.unpublish()
    entry_page(index, title="A new entry", slug="new-entry")

    new, created = make_release(index=index)
    assert created
    assert new.changes == {"added": ["new-entry"], "changed": ["haiti"], "removed": ["camps"]}
    old.refresh_from_db()
    for name, content in before.items():
        assert release_file(client, old.version, name).content == content, name
        assert old.checksums.get(name, hashlib.sha256(content).hexdigest()) == hashlib.sha256(content).hexdigest()
    assert b"Haiti, renamed" not in before["export.csv"]
    assert b"Haiti, renamed" in release_file(client, new.version, "export.csv").content
    changes = json.loads(release_file(client, new.version, "changes.json").content)
    assert changes["previous"] == old.version and changes["removed"] == ["camps"]


def test_releases_page_lists_releases_newest_first_and_latest_redirects(client, open_data):
    index = open_data["directory_index"]
    assert client.get("/directory/releases/latest/").status_code == 404
    older, _ = make_release(index=index, date=TODAY - datetime.timedelta(days=3))
    newer, _ = make_release(index=index)
    page = client.get("/directory/releases/").content.decode()
    assert page.index(f"Version {newer.version}") < page.index(f"Version {older.version}")
    assert newer.checksums["export.csv"] in page
    assert f'href="/directory/releases/{newer.version}/export.csv"' in page
    response = client.get("/directory/releases/latest/")
    assert response.status_code == 302 and response.url == f"/directory/releases/{newer.version}/"
    detail = client.get(response.url).content.decode()
    assert newer.checksums["SHA256SUMS"] in detail


def test_a_moderator_makes_a_release_from_the_admin_and_an_editor_cannot(client, open_data, moderator, editor):
    url = reverse("directory_releases_admin")
    client.force_login(editor)
    assert refused(client.post(url))
    assert not DirectoryRelease.objects.exists()
    client.force_login(moderator)
    assert "Make today" in client.get(url).content.decode()
    client.post(url)
    assert DirectoryRelease.objects.get().version == TODAY.isoformat()
    response = client.post(url, follow=True)
    assert "already exists; nothing was changed" in response.content.decode()
    assert DirectoryRelease.objects.count() == 1
