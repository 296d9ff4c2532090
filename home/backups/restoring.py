"""`manage.py import_site`: an archive into an empty database and storage.

Everything is checked before anything is written: the archive in full
(archive.verify), the migrations (the same code made it), the database
(nothing but what `migrate` creates) and the storage (none of the files there
yet). Then one transaction: the tables are emptied of what `migrate` seeded
(the archive has the source's own root page, site, locale, groups and
workflow; kept, migrate's would stay beside them or collide with them, the
same unique page path or group name under another id), every row is saved
raw with its primary key, constraints are checked,
sequences moved past the ids and the files stored. Any failure rolls the
database back and removes the files this import stored.
"""

import hashlib
import io
import json

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from home.backups import scope
from home.backups.archive import MANIFEST, READ_ERRORS, ArchiveError, members, verify
from home.backups.exporting import applied_migrations
from home.backups.serialization import load_rows
from home.caching import invalidation
from home.caching.version import bump_content_version
from home.demo.indexing import update_indexes

KEPT_FROM_MIGRATE = {"contenttypes.ContentType", "auth.Permission"}


class RestoreRefused(Exception):
    """The database or storage is not fit to restore into; nothing was written."""


class RestoreFailed(Exception):
    """The restore broke off; the database was rolled back and the files removed."""


def import_site(path, *, using=DEFAULT_DB_ALIAS, log=print):
    """Restores the archive at `path`; returns its manifest."""
    manifest = verify(path)
    _check_migrations(manifest, using)
    entries = _models_of(manifest)
    _check_database_empty(using)
    files = {entry["member"]: entry for entry in manifest.get("files", [])}
    _check_storage_empty(files.values())

    stored = []
    try:
        with _caches_left_alone(), transaction.atomic(using=using):
            _empty_tables(using)
            _load(path, manifest, entries, files, stored, using)
            connections[using].check_constraints()
            _reset_sequences([model for model, _entry in entries.values()], using)
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise
    log(f"Restored {sum(entry['count'] for entry in manifest['models'])} rows and {len(stored)} files.")
    update_indexes()
    bump_content_version()
    return manifest


def _check_migrations(manifest, using):
    theirs, ours = set(manifest.get("migrations", [])), set(applied_migrations(using))
    versions = manifest.get("versions", {})
    made_by = f"Django {versions.get('django')}, Wagtail {versions.get('wagtail')}"
    if theirs - ours:
        raise RestoreRefused(
            f"The archive ({made_by}) has migrations this database has not, e.g. {sorted(theirs - ours)[0]}: "
            "run `manage.py migrate` with the code that made the archive."
        )
    if ours - theirs:
        raise RestoreRefused(
            f"This database has migrations the archive ({made_by}) has not, e.g. {sorted(ours - theirs)[0]}: "
            "import with the code version that made the archive, then migrate."
        )


def _models_of(manifest):
    entries = {}
    for entry in manifest.get("models", []):
        try:
            model = apps.get_model(entry["label"])
        except (LookupError, ValueError, KeyError):
            raise ArchiveError(f"The archive holds {entry.get('label')!r}, a model this code does not have") from None
        entries[entry["member"]] = (model, entry)
    return entries


def _check_database_empty(using):
    found = []
    for model in scope.stored_models():
        label = model._meta.label
        if label in KEPT_FROM_MIGRATE or scope.reason_left_out(model, with_passwords=True):
            continue
        rows = model._base_manager.using(using).all()
        if label == "wagtailcore.Page":
            rows = rows.filter(depth__gt=scope.SEEDED_PAGE_DEPTH)
        elif label in scope.SEEDED_BY_MIGRATIONS:
            continue
        if rows.exists():
            found.append(label)
    if found:
        raise RestoreRefused(
            f"The database is not empty ({', '.join(found[:5])}{'...' if len(found) > 5 else ''} have rows). "
            "Import into a new database after `manage.py migrate` (or empty it with `manage.py flush`)."
        )


def _check_storage_empty(files):
    taken = [entry["name"] for entry in files if _storage_of(entry).exists(entry["name"])]
    if taken:
        raise RestoreRefused(
            f"The media storage already has {len(taken)} of the archive's files, e.g. {taken[0]!r}: "
            "import into empty storage (a new MEDIA_ROOT or bucket)."
        )


def _storage_of(entry):
    try:
        return apps.get_model(entry["model"])._meta.get_field(entry["field"]).storage
    except (LookupError, ValueError, KeyError, AttributeError) as error:
        raise ArchiveError(f"The archive names a file of {entry.get('model')}.{entry.get('field')}: {error}") from None


class _caches_left_alone:
    """Row by row, the cache invalidation (home/caching/invalidation.py) would move
    the content version on for every saved row; it is moved once, at the end."""

    def __enter__(self):
        for signal, uid in ((post_save, "saved"), (post_delete, "deleted"), (m2m_changed, "m2m")):
            signal.disconnect(dispatch_uid=f"hub-content-{uid}")

    def __exit__(self, *exc):
        invalidation.connect()


def _empty_tables(using):
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    tables = sorted(
        {
            model._meta.db_table
            for model in scope.stored_models()
            if model._meta.label not in KEPT_FROM_MIGRATE and model._meta.db_table in existing
        }
    )
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables, allow_cascade=False):
            cursor.execute(statement)


def _load(path, manifest, entries, files, stored, using):
    """The second read of the archive, in its order: rows, then files; each member's
    digest is checked again, in case the file changed since verify()."""
    expected = manifest["members"]
    try:
        for name, source in members(path):
            if name == MANIFEST:
                continue
            data = source.read()
            if hashlib.sha256(data).hexdigest() != expected[name]["sha256"]:
                raise ArchiveError(f"{path}: member {name!r} changed while it was being imported")
            if name in entries:
                model, entry = entries[name]
                try:
                    count = load_rows(model, io.StringIO(data.decode()), using)
                except Exception as error:
                    raise ArchiveError(f"{name}: its rows cannot be restored: {error}") from error
                if count != entry["count"]:
                    raise ArchiveError(f"{name}: {count} rows, the manifest says {entry['count']}")
            elif name in files:
                storage = _storage_of(files[name])
                wanted = files[name]["name"]
                try:
                    saved = storage.save(wanted, ContentFile(data))
                except OSError as error:
                    raise RestoreFailed(f"The media storage refused {wanted!r}: {error}") from error
                stored.append((storage, saved))
                if saved != wanted:
                    raise ArchiveError(f"The storage stored {wanted!r} as {saved!r}")
    except READ_ERRORS as error:
        raise ArchiveError(f"{path} is damaged or truncated: {error}") from error
    except (KeyError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError(f"{path}: {error}") from error


def _reset_sequences(models, using):
    """After rows with explicit ids, PostgreSQL's sequences would hand out those ids
    again; SQLite needs nothing (its ids follow the largest one)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
