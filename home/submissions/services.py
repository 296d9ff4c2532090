"""Business actions for public submissions: record one with its draft page,
keep its status in step with moderation, tell the people concerned, and
erase its submitter's personal data on request.

The apps build their own draft pages (directory/services.py, events/services.py)
and hand them to `record_submission`.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wagtail.models import Page

from home.services import MODERATORS_GROUP, create_draft_for_moderation
from home.submissions.models import Submission

logger = logging.getLogger("hub.submissions")


def record_submission(
    *,
    kind: str,
    parent: Page,
    page: Page,
    submitter_name: str,
    submitter_email: str,
    submitter_organisation: str = "",
    message: str = "",
    image: dict | None = None,
    image_field: str = "image",
    relations: dict | None = None,
) -> Submission:
    """Save a public submission: a draft page under `parent` (never live), its
    moderation workflow and the private Submission record, in one transaction.

    `image` holds the arguments of `create_image_from_upload`; the stored image
    is set on the page's `image_field`. `relations` maps many-to-many field
    names to their values. E-mails to the moderators and the submitter are queued
    as tasks once the transaction has committed, and a mail failure never undoes it.
    """
    with transaction.atomic():
        if image:
            setattr(page, image_field, create_image_from_upload(**image))
        for name, values in (relations or {}).items():
            setattr(page, name, values)
        create_draft_for_moderation(parent=parent, page=page, user=None)
        submission = Submission.objects.create(
            kind=kind,
            status=Submission.Status.IN_REVIEW if page.workflow_in_progress else Submission.Status.NEW,
            submitter_name=submitter_name,
            submitter_email=submitter_email,
            submitter_organisation=submitter_organisation,
            message=message,
            page=page,
        )
    transaction.on_commit(lambda: notify_submission_received(submission=submission), robust=True)
    return submission


def create_image_from_upload(*, upload, title: str, alt_text: str, decorative: bool, image_format: str):
    """Store an uploaded (already validated) picture as a HubImage: re-encoded
    without its metadata (HubImage.save), and private until a moderator publishes
    the page that uses it (home.media_privacy)."""
    from home.media_privacy import submissions_collection
    from home.models import HubImage

    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format]
    upload.seek(0)
    image = HubImage(
        title=title[:255],
        description="" if decorative else alt_text,
        is_decorative=decorative,
        file=ImageFile(upload, name=f"submission-{uuid.uuid4().hex[:12]}.{extension}"),
        collection=submissions_collection(),
        from_public_submission=True,
    )
    image.save()
    return image


DECIDED_STATUSES = (Submission.Status.PUBLISHED, Submission.Status.REJECTED)


def sync_submission_status(*, page: Page, status: str) -> int:
    """Set the status of the submissions that created `page`; returns how many changed.

    A decision (published, rejected) is dated, which starts the retention period of
    the submitter's details; a submission back in review is undated again, so nothing
    is erased while moderators may still need to ask its submitter. The first time a
    submitted page is published, its submitter is told (after commit).
    """
    changed = list(Submission.objects.filter(page_id=page.pk).exclude(status=status).values_list("pk", flat=True))
    decided_at = timezone.now() if status in DECIDED_STATUSES else None
    Submission.objects.filter(pk__in=changed).update(status=status, decided_at=decided_at)
    if status == Submission.Status.PUBLISHED:
        for submission in Submission.objects.filter(pk__in=changed).exclude(submitter_email=""):
            transaction.on_commit(
                lambda submission=submission: notify_submission_published(submission=submission), robust=True
            )
    return len(changed)


def erase_personal_data(*, submission: Submission) -> Submission:
    """Forget who sent a submission (on request): the draft or published page stays."""
    submission.submitter_name = ""
    submission.submitter_email = ""
    submission.submitter_organisation = ""
    submission.message = ""
    submission.personal_data_erased_at = timezone.now()
    submission.save(
        update_fields=[
            "submitter_name",
            "submitter_email",
            "submitter_organisation",
            "message",
            "personal_data_erased_at",
        ]
    )
    logger.info("Erased the personal data of submission %s", submission.pk)
    return submission


def erase_expired_submissions(*, now=None) -> int:
    """Erase the submitter's details of every submission decided more than
    HUB_SUBMISSION_RETENTION_DAYS ago (manage.py erase_expired_submissions, run by
    the scheduler). The rows and their pages stay, marked erased; returns how many."""
    now = now or timezone.now()
    days = settings.HUB_SUBMISSION_RETENTION_DAYS
    erased = Submission.objects.filter(
        status__in=DECIDED_STATUSES,
        decided_at__lte=now - datetime.timedelta(days=days),
        personal_data_erased_at__isnull=True,
    ).update(
        submitter_name="",
        submitter_email="",
        submitter_organisation="",
        message="",
        personal_data_erased_at=now,
    )
    # A count only: which submissions they were says nothing an operator needs.
    logger.info("Erased the personal data of %d submission(s) decided more than %d days ago", erased, days)
    return erased


def notify_submission_received(*, submission: Submission) -> None:
    """Tell the moderators a submission is waiting and thank the submitter: one task
    per recipient (home.background.mail), carrying ids, never addresses."""
    from home.background.mail import SUBMITTER, send_submission_email

    for recipient in moderator_recipients():
        send_submission_email.enqueue(submission.pk, "submission_received_moderators", recipient)
    if submission.submitter_email:
        send_submission_email.enqueue(submission.pk, "submission_received_submitter", SUBMITTER)


def notify_submission_published(*, submission: Submission) -> None:
    from home.background.mail import SUBMITTER, send_submission_email

    if submission.page_id and submission.submitter_email:
        send_submission_email.enqueue(submission.pk, "submission_published_submitter", SUBMITTER)


def submission_email_context(*, submission: Submission, template: str) -> dict | None:
    """What the `emails/<template>.txt` of a submission notice shows; None once its page is gone."""
    page = submission.page.specific if submission.page_id else None
    context = {
        "submission": submission,
        "page_title": page.title if page else "",
        "kind": submission.get_kind_display(),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "retention_days": settings.HUB_SUBMISSION_RETENTION_DAYS,
    }
    if template == "submission_published_submitter":
        if page is None:
            return None
        return {**context, "page_url": page.get_full_url()}
    return {
        **context,
        "admin_url": _absolute(reverse("wagtailadmin_pages:edit", args=[page.pk])) if page else "",
        "inbox_url": _absolute(_inbox_url(submission)),
    }


def moderator_recipients() -> list[str]:
    """The active moderators with an address, as "user:<id>", or HUB_MODERATION_EMAIL when none has one."""
    from home.background.mail import MODERATION_ADDRESS, user_recipient

    user_ids = (
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("pk", flat=True)
        .distinct()
    )
    recipients = [user_recipient(user_id) for user_id in user_ids]
    if not recipients and getattr(settings, "HUB_MODERATION_EMAIL", ""):
        recipients = [MODERATION_ADDRESS]
    return recipients


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _inbox_url(submission: Submission) -> str:
    try:
        return reverse("home_submission_modeladmin_inspect", args=[submission.pk])
    except NoReverseMatch:  # the inbox may not be registered (e.g. in a management command)
        return "/admin/"
