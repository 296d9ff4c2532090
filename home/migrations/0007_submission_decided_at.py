"""Submissions get the date moderation decided them, from which the retention of the
submitter's details (HUB_SUBMISSION_RETENTION_DAYS) is counted.

Existing decided rows are dated as well as the database can tell: a published one
by its page's first publication, anything else (a rejection, whose date was never
kept, or a page deleted since) by the time of this migration. That errs late, never
early: no one's details are erased before they would have been had the date been kept.
"""

from django.db import migrations, models
from django.utils import timezone

DECIDED = ("published", "rejected")


def date_decided_submissions(apps, schema_editor):
    Submission = apps.get_model("home", "Submission")
    Page = apps.get_model("wagtailcore", "Page")
    now = timezone.now()
    for submission in Submission.objects.filter(status__in=DECIDED, decided_at__isnull=True).iterator():
        first_published = None
        if submission.status == "published" and submission.page_id:
            first_published = (
                Page.objects.filter(pk=submission.page_id).values_list("first_published_at", flat=True).first()
            )
        submission.decided_at = first_published or now
        submission.save(update_fields=["decided_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_submissions_move_to_home_with_safeguard_tables"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="decided_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name="decided"),
        ),
        migrations.RunPython(date_decided_submissions, migrations.RunPython.noop),
    ]
