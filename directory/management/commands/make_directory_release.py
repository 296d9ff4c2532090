"""manage.py make_directory_release: today's dated release of the directory (directory/releases.py)."""

from django.core.management.base import BaseCommand, CommandError

from directory.releases import make_release


class Command(BaseCommand):
    help = "Make today's immutable release of the directory's exports; does nothing if it exists."

    def handle(self, *args, **options):
        from directory.models import DirectoryIndexPage

        index = DirectoryIndexPage.objects.live().public().first()
        if index is None:
            raise CommandError("There is no live, public directory page to release.")
        release, created = make_release(index=index)
        if created:
            self.stdout.write(f"Made release {release.version}: {release.entry_count} entries, {release.changes}.")
        else:
            self.stdout.write(f"Release {release.version} already exists; nothing was changed.")
