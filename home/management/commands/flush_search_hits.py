"""Writes the search hits waiting in the cache to Wagtail's search queries (home.caching.search_hits)."""

from django.core.management.base import BaseCommand

from home.caching.search_hits import flush


class Command(BaseCommand):
    help = "Write the search hits counted in the cache to the database (also run by publish_scheduled)."

    def handle(self, *args, **options):
        hits = flush(raise_errors=True)
        if options["verbosity"]:
            self.stdout.write(f"Wrote {hits} search hits.")
