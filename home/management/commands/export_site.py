"""`manage.py export_site PATH`: the whole site in one archive (home/backups/)."""

from django.core.management.base import BaseCommand, CommandError

from home.backups.exporting import export_site


class Command(BaseCommand):
    help = (
        "Write the whole site (pages with revisions, workflow states and history, snippets, settings, "
        "redirects, search promotions, images and documents with their files, collections and privacy, "
        "users, groups and permissions) to one .tar.gz archive for import_site. Password hashes and "
        "submitters' contact details stay out unless asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive to write, e.g. site-2026-12-01.tar.gz (replaced if it exists)")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="keep password hashes and two-factor devices (otherwise accounts get unusable passwords)",
        )
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            help="keep submitters' names, e-mails, organisations and messages (otherwise blanked)",
        )

    def handle(self, *args, path, with_passwords, with_personal_data, **options):
        try:
            manifest = export_site(
                path,
                with_passwords=with_passwords,
                with_personal_data=with_personal_data,
                log=self.stderr.write,
            )
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error}") from error
        rows = sum(entry["count"] for entry in manifest["models"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {path}: {rows} rows of {len(manifest['models'])} models and {len(manifest['files'])} files."
            )
        )
