"""`manage.py export_site`: the whole site into one archive."""

import contextlib
import platform
import tempfile
from functools import partial

import django
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import wagtail

from home.backups import scope
from home.backups.archive import FORMAT, FORMAT_VERSION, ArchiveWriter
from home.backups.serialization import dump_rows


@contextlib.contextmanager
def snapshot(using):
    """One consistent view of the database for the whole export, which does not
    hold up the site's writes: on PostgreSQL a repeatable-read transaction; on
    SQLite a deferred read transaction (in WAL mode a snapshot), begun by hand
    because atomic() would BEGIN IMMEDIATE (hub/settings/base.py) and take the
    write lock. Inside a transaction already (a test), that one is used."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield


def applied_migrations(using):
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations())


def export_site(path, *, with_passwords=False, with_personal_data=False, using=DEFAULT_DB_ALIAS, log=print):
    """Writes the archive to `path`; returns its manifest."""
    models = scope.exported_models(with_passwords)
    writer = ArchiveWriter(path)
    try:
        with snapshot(using):
            entries, files = [], {}
            for number, model in enumerate(models, start=1):
                label = model._meta.label
                member = f"data/{number:04d}-{model._meta.label_lower}.jsonl"
                transform = partial(
                    scope.make_private, label, with_passwords=with_passwords, with_personal_data=with_personal_data
                )
                with tempfile.TemporaryFile("w+b") as spool:
                    text = _TextTo(spool)
                    count = dump_rows(model, text, transform)
                    size = spool.tell()
                    spool.seek(0)
                    writer.add(member, spool, size)
                entries.append({"label": label, "count": count, "member": member})
                for field in scope.file_fields(model):
                    names = model._base_manager.exclude(**{field.attname: ""}).exclude(**{field.attname: None})
                    for name in names.values_list(field.attname, flat=True).order_by(field.attname):
                        files.setdefault(name, (label, field.name, field.storage))
            migrations = applied_migrations(using)
            vendor = connections[using].vendor
        file_entries, missing = _add_files(writer, files, log)
        left_out = {
            model._meta.label: reason
            for model in scope.stored_models()
            if (reason := scope.reason_left_out(model, with_passwords)) is not None
        }
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "versions": {
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                "python": platform.python_version(),
            },
            "database": vendor,
            "migrations": migrations,
            "options": {"with_passwords": with_passwords, "with_personal_data": with_personal_data},
            "models": entries,
            "files": file_entries,
            "missing_files": missing,
            "left_out": left_out,
        }
        writer.close(manifest)
    except BaseException:
        writer.abort()
        raise
    return manifest


def _add_files(writer, files, log):
    """Each file through its field's storage (the default storage: a folder or S3),
    never by path. A file a row names but the storage has not is reported, not fatal:
    one lost upload must not stop every backup."""
    entries, missing = [], []
    for name, (label, field_name, storage) in sorted(files.items()):
        try:
            source = storage.open(name, "rb")
        except (FileNotFoundError, OSError):
            missing.append({"name": name, "model": label, "field": field_name})
            log(f"Warning: {label}.{field_name} names {name!r}, which is not in the storage; left out.")
            continue
        with source:
            member = f"media/{name}"
            writer.add(member, source, storage.size(name))
        entries.append({"name": name, "model": label, "field": field_name, "member": member})
    return entries, missing


class _TextTo:
    """A text stream into a binary file, UTF-8 (the serializer writes str)."""

    def __init__(self, binary):
        self.binary = binary

    def write(self, text):
        self.binary.write(text.encode())
