"""Erases the submitter's details of submissions decided more than HUB_SUBMISSION_RETENTION_DAYS ago.

Run daily by the scheduler, beside publish_scheduled (README, *Scheduled publishing*).
"""

from django.core.management.base import BaseCommand

from home.submissions.services import erase_expired_submissions


class Command(BaseCommand):
    help = "Erase the personal data of public submissions decided more than HUB_SUBMISSION_RETENTION_DAYS ago."

    def handle(self, *args, **options):
        erased = erase_expired_submissions()
        if options["verbosity"]:
            self.stdout.write(f"Erased the personal data of {erased} submission(s).")
