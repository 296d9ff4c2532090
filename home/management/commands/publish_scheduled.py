"""Wagtail's publish_scheduled, then the search hits waiting in the cache are written.

Cron runs publish_scheduled every minute in production (README), so the hits
counted for searches served from the page cache (home.caching.search_hits)
reach the editors' search report within a minute, even for a query nobody
searches again. Found before Wagtail's command because `home` comes first in
INSTALLED_APPS.
"""

from wagtail.management.commands import publish_scheduled

from home.caching.search_hits import flush


class Command(publish_scheduled.Command):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        if not options.get("dryrun"):
            flush()
