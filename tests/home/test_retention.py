"""Retention of submitters' details: a submission is dated when moderation decides it,
and `manage.py erase_expired_submissions` erases the details of those decided more than
HUB_SUBMISSION_RETENTION_DAYS ago, logging only a count and keeping everything else."""

import datetime
import importlib
import io
import logging

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

import pytest

from directory.models import DirectoryEntryPage
from home.models import Submission
from home.submissions.services import record_submission
from tests.utils import edit_page, workflow_action

pytestmark = pytest.mark.django_db

PERSONAL = ("submitter_name", "submitter_email", "submitter_organisation", "message")


def submit(index, title, *, name):
    return record_submission(
        kind=Submission.Kind.ENTRY,
        parent=index,
        page=DirectoryEntryPage(title=title, summary="A summary."),
        submitter_name=name,
        submitter_email=f"{name.split()[0].lower()}@example.net",
        submitter_organisation="Institute of Examples",
        message="Please consider it.",
    )


def decided(submission, *, status, days_ago):
    """The submission as if moderation had decided it `days_ago` days ago."""
    Submission.objects.filter(pk=submission.pk).update(
        status=status, decided_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    submission.refresh_from_db()
    return submission


@pytest.fixture
def hub_log(caplog):
    """What the hub logs ("hub" does not propagate to the root logger caplog listens on)."""
    hub_logger = logging.getLogger("hub")
    hub_logger.addHandler(caplog.handler)
    with caplog.at_level(logging.INFO):
        yield caplog
    hub_logger.removeHandler(caplog.handler)


def test_moderation_dates_the_decision_and_a_new_review_undates_it(client, moderator, site_tree):
    index = site_tree["directory_index"]
    published = submit(index, "Mobile phone data in Ghana", name="Ama Published")
    rejected = submit(index, "Search queries in Spain", name="Rafa Rejected")
    assert published.decided_at is None

    client.force_login(moderator)
    workflow_action(client, published.page, "approve")
    workflow_action(client, rejected.page, "reject", comment="Out of scope.")
    published.refresh_from_db()
    rejected.refresh_from_db()
    assert published.status == Submission.Status.PUBLISHED and published.decided_at is not None
    assert rejected.status == Submission.Status.REJECTED and rejected.decided_at is not None
    assert timezone.now() - published.decided_at < datetime.timedelta(minutes=5)

    # Sent back to review after the rejection: undecided again, so nothing is erased meanwhile.
    assert edit_page(client, rejected.page, action="submit").status_code == 302
    rejected.refresh_from_db()
    assert rejected.status == Submission.Status.IN_REVIEW and rejected.decided_at is None


def test_command_erases_only_submissions_decided_before_the_retention_period(site_tree, settings, hub_log):
    settings.HUB_SUBMISSION_RETENTION_DAYS = 180
    index = site_tree["directory_index"]
    old_published = decided(submit(index, "Old published", name="Olga Old"), status="published", days_ago=181)
    old_rejected = decided(submit(index, "Old rejected", name="Otto Old"), status="rejected", days_ago=200)
    recent = decided(submit(index, "Recent", name="Rita Recent"), status="published", days_ago=179)
    # In review for a long time: undecided, so kept however old.
    waiting = submit(index, "Waiting", name="Wim Waiting")
    Submission.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    before = {row["id"]: row for row in Submission.objects.values()}

    out = io.StringIO()
    call_command("erase_expired_submissions", stdout=out)

    assert "Erased the personal data of 2 submission(s)." in out.getvalue()
    assert "Erased the personal data of 2 submission(s) decided more than 180 days ago" in hub_log.text
    for name in ("Olga", "Otto", "olga@", "otto@", "Institute of Examples"):
        assert name not in hub_log.text

    for submission in (old_published, old_rejected):
        submission.refresh_from_db()
        assert all(getattr(submission, field) == "" for field in PERSONAL)
        assert submission.personal_data_erased_at is not None
        # Nothing else is lost: kind, status, dates and the page stay as they were.
        row = before[submission.pk]
        assert (submission.kind, submission.status, submission.created_at, submission.decided_at) == (
            row["kind"],
            row["status"],
            row["created_at"],
            row["decided_at"],
        )
        assert submission.page_id == row["page_id"]
        assert DirectoryEntryPage.objects.filter(pk=submission.page_id, title=submission.page.title).exists()

    for submission, name in ((recent, "Rita Recent"), (waiting, "Wim Waiting")):
        submission.refresh_from_db()
        assert submission.submitter_name == name and submission.message == "Please consider it."
        assert submission.personal_data_erased_at is None

    # A second run finds nothing more to erase.
    out = io.StringIO()
    call_command("erase_expired_submissions", stdout=out)
    assert "Erased the personal data of 0 submission(s)." in out.getvalue()


def test_the_retention_period_is_a_setting(site_tree, settings):
    settings.HUB_SUBMISSION_RETENTION_DAYS = 30
    submission = submit(site_tree["directory_index"], "Decided", name="Dora Decided")
    decided(submission, status="rejected", days_ago=31)
    call_command("erase_expired_submissions", stdout=io.StringIO())
    submission.refresh_from_db()
    assert submission.submitter_email == "" and submission.personal_data_erased_at is not None


def test_moderators_can_still_erase_at_once(client, moderator, site_tree):
    submission = submit(site_tree["directory_index"], "Erase me now", name="Nadia Now")
    client.force_login(moderator)
    response = client.post(f"/admin/submissions/{submission.pk}/erase/")
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.submitter_name == "" and submission.personal_data_erased_at is not None
    assert submission.status == Submission.Status.IN_REVIEW


def test_migration_dates_submissions_decided_before_it(site_tree):
    migration = importlib.import_module("home.migrations.0007_submission_decided_at")
    index = site_tree["directory_index"]
    published = submit(index, "Published long ago", name="Paul Past")
    page = published.page.specific
    page.save_revision().publish()
    first_published = datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.UTC)
    type(page).objects.filter(pk=page.pk).update(first_published_at=first_published)
    rejected = submit(index, "Rejected long ago", name="Rosa Past")
    waiting = submit(index, "Still waiting", name="Will Waiting")
    Submission.objects.filter(pk=published.pk).update(status="published", decided_at=None)
    Submission.objects.filter(pk=rejected.pk).update(status="rejected", decided_at=None)

    migration.date_decided_submissions(apps, None)

    published.refresh_from_db()
    rejected.refresh_from_db()
    waiting.refresh_from_db()
    assert published.decided_at == first_published
    assert timezone.now() - rejected.decided_at < datetime.timedelta(minutes=5)
    assert waiting.decided_at is None
