import time

from django.core.management.base import BaseCommand

from home.demo.loader import DEMO_PASSWORD, load_demo_content


class Command(BaseCommand):
    help = (
        "Build the site tree and load the demo content from home/reference_data. Idempotent: a second run "
        "changes nothing. Creates the demo users editor, moderator and admin (password "
        f"'{DEMO_PASSWORD}', local use only) unless settings.HUB_ALLOW_DEMO_USERS is False, as in production: "
        "then users are skipped with a message and the content still loads (exit status 0)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        tally = load_demo_content(write=self.stdout.write)
        for line in tally.lines():
            self.stdout.write(line)
        verdict = "Nothing changed." if not tally.changed else f"{tally.changed} records created or updated."
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded in {time.monotonic() - started:.1f}s. {verdict}"))
