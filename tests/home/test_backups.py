"""export_site / import_site: the demo site moved SQLite -> PostgreSQL -> SQLite.

Each database is a real one of its own, used by `manage.py` in a subprocess
(as an operator would): one SQLite file migrated once (the source, and copied
as each empty SQLite target), one PostgreSQL database made and dropped here.
What a round trip must keep is read on each side by tests/home/backup_site.py.
The damaged archives are imported in this process, into the test database,
which must come out unchanged.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import Page, Site

import pytest

from tests.home.backup_site import DOCUMENT_TEXT, SUBMITTER

BASE_DIR = Path(settings.BASE_DIR)


def _postgres_url():
    """A database of this module's own on the suite's PostgreSQL server (or the
    local one when the suite runs on SQLite); HUB_BACKUP_TEST_POSTGRES_URL names another."""
    if os.environ.get("HUB_BACKUP_TEST_POSTGRES_URL"):
        return os.environ["HUB_BACKUP_TEST_POSTGRES_URL"]
    suite = os.environ.get("DATABASE_URL", "")
    parts = urlparse(suite if suite.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/test")
    name = f"{parts.path.lstrip('/') or 'postgres'}_backups_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    return urlunparse(parts._replace(path=f"/{name}"))


def _postgres_admin(url, *statements):
    import psycopg

    with psycopg.connect(urlunparse(urlparse(url)._replace(path="/postgres")), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


class Place:
    """One database and its media folder, used through manage.py in a subprocess."""

    def __init__(self, workdir, name, url):
        self.url = url
        self.media = workdir / f"{name}-media"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hub.settings.test",
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(self.media),
            "HUB_CONTENT_VERSION_FILE": str(workdir / "content-version"),
        }

    def run(self, *args, check=True):
        done = subprocess.run(
            [sys.executable, *args], cwd=BASE_DIR, env=self.env, capture_output=True, text=True, timeout=600
        )
        if check and done.returncode:
            raise AssertionError(f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done

    def manage(self, *args, check=True):
        return self.run("manage.py", *args, check=check)

    def start(self, *args):
        return subprocess.Popen(
            [sys.executable, *args],
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def call(self, function):
        """A function of tests/home/backup_site.py in a process of its own: what it printed last, as JSON."""
        return self.script(f"backup_site.{function}()", snapshot=False)

    def script(self, *statements, snapshot=True):
        """Statements in one Django process (one start-up for several steps), then
        backup_site.snapshot() unless told not to: what it printed last, as JSON."""
        lines = [
            "import io, django",
            "django.setup()",
            "from django.core.management import call_command",
            "from tests.home import backup_site",
            *statements,
            *(["backup_site.snapshot()"] if snapshot else []),
        ]
        return json.loads(self.run("-c", "\n".join(lines)).stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def trip(tmp_path_factory):
    """The demo site exported from SQLite, imported into PostgreSQL, exported
    from there and imported into SQLite again; what each side holds. PostgreSQL
    migrates meanwhile the source is built."""
    workdir = tmp_path_factory.mktemp("backups")
    template = workdir / "empty.sqlite3"
    archives = {name: workdir / f"{name}.tar.gz" for name in ("plain", "full", "from-postgres")}
    source = Place(workdir, "source", f"sqlite:///{workdir / 'source.sqlite3'}")
    postgres = Place(workdir, "postgres", _postgres_url())
    database = urlparse(postgres.url).path.lstrip("/")
    _postgres_admin(postgres.url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)', f'CREATE DATABASE "{database}"')
    migrating = postgres.start("manage.py", "migrate", "--verbosity=0")
    try:
        source.manage("migrate", "--verbosity=0")
        shutil.copy(workdir / "source.sqlite3", template)
        snapshots = {
            "source": source.script(
                'call_command("load_demo_content", stdout=io.StringIO())',
                "backup_site.add_extras()",
                f'call_command("export_site", {str(archives["plain"])!r})',
                f'call_command("export_site", {str(archives["full"])!r}, with_passwords=True, with_personal_data=True)',
            )
        }
        assert migrating.wait(timeout=600) == 0, migrating.stderr.read()
        imported = postgres.manage("import_site", str(archives["plain"]))
        snapshots["postgres"] = postgres.script(f'call_command("export_site", {str(archives["from-postgres"])!r})')

        places = {"source": source, "postgres": postgres}
        for name, archive in (("back", archives["from-postgres"]), ("full", archives["full"])):
            places[name] = Place(workdir, name, f"sqlite:///{workdir / name}.sqlite3")
            shutil.copy(template, workdir / f"{name}.sqlite3")
            snapshots[name] = places[name].script(f'call_command("import_site", {str(archive)!r})')
        yield {
            "places": places,
            "snapshots": snapshots,
            "archives": archives,
            "template": template,
            "workdir": workdir,
            "import_output": imported.stdout,
        }
    finally:
        if migrating.poll() is None:
            migrating.kill()
            migrating.wait()
        _postgres_admin(postgres.url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


KEPT = [
    "pages",
    "snippets",
    "images",
    "documents",
    "collection_privacy",
    "page_privacy",
    "group_permissions",
    "workflow_states",
    "task_states",
    "history",
    "settings",
    "redirects",
    "promotions",
    "sites",
]


@pytest.mark.parametrize("kept", KEPT)
def test_the_site_moves_from_sqlite_to_postgresql_and_back(trip, kept):
    source, postgres, back = (trip["snapshots"][name][kept] for name in ("source", "postgres", "back"))
    assert source, f"the source site has no {kept}: the comparison would prove nothing"
    assert postgres == source
    assert back == source


def test_what_the_comparison_covers(trip):
    source = trip["snapshots"]["source"]
    pages = source["pages"].values()
    assert len(source["pages"]) > 90
    assert sum(page["revisions"] for page in pages) > 90 and any(page["revisions"] > 1 for page in pages)
    assert {page["type"] for page in pages} >= {"homepage", "newspage", "eventpage", "directoryentrypage", "memberpage"}
    # A draft newer than the live page: its latest revision is not what the page shows.
    assert any("(revised)" in (page["latest_revision"] or "") and "(revised)" not in page["title"] for page in pages)
    assert [state[0] for state in source["workflow_states"]] == ["in_progress"]
    assert ["Board papers", "groups", ["Moderators"]] in source["collection_privacy"]
    assert source["page_privacy"][0][1:3] == ["password", "sesame"]
    # Members' logos, events', news' and the hero's pictures (entries show locator maps instead).
    assert len(source["images"]) > 35
    [document] = source["documents"].values()
    assert document[2] == hashlib.sha256(DOCUMENT_TEXT).hexdigest()
    assert source["group_permissions"]["Moderators"]["pages"] and source["group_permissions"]["Editors"]["collections"]
    assert source["history"][0] > 90 and source["history"][1] >= 1


def test_the_search_index_is_rebuilt_after_an_import(trip):
    for name in ("postgres", "back"):
        assert trip["snapshots"][name]["search_finds_an_entry"], name


def test_new_rows_after_an_import_get_ids_past_the_imported_ones(trip):
    probe = trip["places"]["postgres"].call("add_new_rows")
    for kind in ("topic", "page", "revision"):
        assert probe["after"][kind] > probe["before"][kind], kind


def test_password_hashes_and_contact_details_stay_out_unless_asked_for(trip):
    source = trip["snapshots"]["source"]
    assert all(user["usable_password"] for user in source["users"].values())
    for name in ("postgres", "back"):
        users = trip["snapshots"][name]["users"]
        assert users.keys() == source["users"].keys()
        assert not any(user["usable_password"] for user in users.values()), name
        assert [user["email"] for user in users.values()] == [user["email"] for user in source["users"].values()]
        assert trip["snapshots"][name]["submissions"] == [dict.fromkeys(SUBMITTER, "")], name
    assert source["submissions"] == [SUBMITTER]

    plain = _archive_bytes(trip["archives"]["plain"])
    for user in source["users"].values():
        assert user["password"].encode() not in plain
    for value in SUBMITTER.values():
        assert value.encode() not in plain

    full = trip["snapshots"]["full"]
    assert full["users"] == source["users"]
    assert full["submissions"] == [SUBMITTER]
    assert full["pages"] == source["pages"]


def _archive_bytes(path):
    with tarfile.open(path, "r:gz") as tar:
        return b"".join(tar.extractfile(member).read() for member in tar if member.isfile())


def test_the_manifest_describes_the_archive(trip):
    with tarfile.open(trip["archives"]["plain"], "r:gz") as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[-1] == "manifest.json"
    assert manifest["format"] == "bd4m-hub-site" and manifest["format_version"] == 1
    assert set(manifest["versions"]) == {"django", "wagtail", "python"}
    counts = {entry["label"]: entry["count"] for entry in manifest["models"]}
    assert counts["wagtailcore.Page"] == len(trip["snapshots"]["source"]["pages"])
    assert "contenttypes.ContentType" not in counts and "sessions.Session" not in counts
    assert set(manifest["members"]) == set(names) - {"manifest.json"}
    assert all(len(entry["sha256"]) == 64 for entry in manifest["members"].values())


def test_an_import_into_a_database_with_content_is_refused(trip):
    postgres = trip["places"]["postgres"]
    before = postgres.call("counts")
    done = postgres.manage("import_site", str(trip["archives"]["plain"]), check=False)
    assert done.returncode == 1
    assert "The database is not empty" in done.stderr and "Nothing was written" in done.stderr
    assert "Traceback" not in done.stderr
    assert postgres.call("counts") == before


def test_an_import_into_storage_with_files_is_refused(trip):
    workdir = trip["workdir"]
    shutil.copy(trip["template"], workdir / "again.sqlite3")
    again = Place(workdir, "back", f"sqlite:///{workdir / 'again.sqlite3'}")  # back's media folder, full already
    done = again.manage("import_site", str(trip["archives"]["plain"]), check=False)
    assert done.returncode == 1
    assert "The media storage already has" in done.stderr and "Traceback" not in done.stderr
    assert again.call("counts") == {"pages": 2, "users": 0}


# Damaged archives, imported in this process into the (empty) test database.


def _members(path):
    with tarfile.open(path, "r:gz") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def _write(path, members):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _resealed(members):
    """The members with a manifest whose checksums match them again."""
    manifest = json.loads(members["manifest.json"])
    for name, data in members.items():
        if name != "manifest.json":
            manifest["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    return {**members, "manifest.json": json.dumps(manifest).encode()}


def _page_member(members):
    return next(name for name in members if name.endswith("-wagtailcore.page.jsonl"))


def flipped_byte(good, path):
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def truncated(good, path):
    data = good.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def missing_member(good, path):
    members = _members(good)
    del members[_page_member(members)]
    return _write(path, members)


def changed_member(good, path):
    members = _members(good)
    name = _page_member(members)
    members[name] += b"\n"
    return _write(path, members)


def no_manifest(good, path):
    members = _members(good)
    del members["manifest.json"]
    return _write(path, members)


def newer_format(good, path):
    members = _members(good)
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = 2
    return _write(path, {**members, "manifest.json": json.dumps(manifest).encode()})


def not_an_archive(good, path):
    path.write_text("page,title\n3,Home\n")
    return path


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (flipped_byte, "damaged"),
        (truncated, "truncated"),
        (missing_member, "is incomplete: 1 member(s) missing"),
        (changed_member, "does not match its SHA-256"),
        (no_manifest, "has no manifest.json"),
        (newer_format, "has format version 2; this code reads version 1"),
        (not_an_archive, "is not a site archive"),
    ],
)
@pytest.mark.django_db
def test_a_damaged_archive_is_refused_and_changes_nothing(trip, tmp_path, damage, message):
    archive = damage(trip["archives"]["plain"], tmp_path / "damaged.tar.gz")
    before = _state()
    with pytest.raises(CommandError) as refused:
        call_command("import_site", str(archive), stdout=io.StringIO())
    assert message in str(refused.value) and "Nothing was written" in str(refused.value)
    assert _state() == before


@pytest.mark.django_db
def test_an_import_that_breaks_off_is_undone_with_its_files(trip, tmp_path):
    """An archive whose checksums hold but whose rows do not fit (a page in a locale
    that is not there): the rows and files already written are taken back. (The
    folders a local storage made for them may stay, empty; S3 has none.)"""
    members = _members(trip["archives"]["plain"])
    name = _page_member(members)
    rows = members[name].decode().splitlines()
    page = json.loads(rows[-1])
    page["fields"]["locale"] = 987654
    members[name] = "\n".join([*rows[:-1], json.dumps(page)]).encode() + b"\n"
    archive = _write(tmp_path / "unfit.tar.gz", _resealed(members))
    before = _state()
    with pytest.raises(CommandError) as failed:
        call_command("import_site", str(archive), stdout=io.StringIO())
    assert "was undone" in str(failed.value)
    assert _state() == before


def _state():
    """The test database's rows that an import would replace, and the media files."""
    media = Path(settings.MEDIA_ROOT)
    return {
        "pages": sorted(Page.objects.values_list("pk", "path", "title")),
        "sites": sorted(Site.objects.values_list("pk", "hostname")),
        "users": get_user_model().objects.count(),
        "files": sorted(str(path) for path in media.rglob("*") if path.is_file()) if media.exists() else [],
    }
