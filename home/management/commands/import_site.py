"""`manage.py import_site PATH`: an export_site archive into an empty database (home/backups/)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from home.backups.archive import ArchiveError
from home.backups.restoring import RestoreFailed, RestoreRefused, import_site


class Command(BaseCommand):
    help = (
        "Restore an export_site archive into an empty, migrated database and empty media storage, in one "
        "transaction; the archive is checked in full first. Then the search and reference indexes are "
        "rebuilt and the caches emptied."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive written by export_site")

    def handle(self, *args, path, **options):
        try:
            manifest = import_site(path, log=self.stdout.write)
        except ArchiveError as error:
            raise CommandError(f"Refused: {error}. Nothing was written.") from error
        except RestoreRefused as error:
            raise CommandError(f"Refused: {error} Nothing was written.") from error
        except (RestoreFailed, DatabaseError) as error:
            raise CommandError(f"The import failed and was undone, nothing was kept: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Imported {path} (made {manifest.get('created_at')})."))
