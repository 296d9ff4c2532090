"""Business actions for public submissions: record one, keep its status in step
with moderation, erase its submitter's personal data."""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

from directory.models import (
    DirectoryEntryPage,
    EntryCountry,
    EntryOrganisation,
    MemberPage,
    Submission,
    TypeAssignedBy,
)
from directory.regions import regions_for_countries
from home.services import create_draft_for_moderation, create_image_from_upload, moderator_emails, notify

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
    names to their values. E-mails to the moderators and the submitter are sent
    only once the transaction has committed, and a mail failure never undoes it.
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


def notify_submission_received(*, submission: Submission) -> None:
    """Tell the moderators a submission is waiting and thank the submitter."""
    page = submission.page
    context = {
        "submission": submission,
        "page_title": page.title if page else "",
        "kind": submission.get_kind_display(),
        "admin_url": _absolute(reverse("wagtailadmin_pages:edit", args=[page.pk])) if page else "",
        "inbox_url": _absolute(_inbox_url(submission)),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    notify(recipients=moderator_emails(), template="submission_received_moderators", context=context)
    notify(recipients=[submission.submitter_email], template="submission_received_submitter", context=context)


def record_entry_submission(*, parent: Page, data: dict, submitter: dict, image: dict | None) -> Submission:
    """A directory entry from the public form: fields, countries, organisations and terms."""
    page = DirectoryEntryPage(
        title=data["title"],
        summary=data["summary"],
        year_started=data.get("year_started"),
        year_ended=data.get("year_ended"),
        status=data.get("status") or "unknown",
        collaborative_type=data.get("collaborative_type"),
        collaborative_type_assigned_by=(
            TypeAssignedBy.SUBMITTER if data.get("collaborative_type") else TypeAssignedBy.NOT_STATED
        ),
        data_responsibility=_paragraphs(data.get("data_responsibility", "")),
        body=[("paragraph", _paragraphs(data["description"]))] if data.get("description") else [],
        sources=[("source", {"title": data["title"], "url": data["source_url"]})] if data.get("source_url") else [],
    )
    page.country_links = [EntryCountry(country=code) for code in data.get("countries", [])]
    page.organisation_links = [
        EntryOrganisation(name=name.strip()[:255])
        for name in data.get("organisations", "").splitlines()
        if name.strip()
    ]
    relations = {
        name: list(data.get(name) or [])
        for name in ("data_sources", "methods", "value_propositions", "topics", "questions")
    }
    # As the admin form does, so the entry shows under its regions once approved.
    relations["regions"] = list(regions_for_countries(data.get("countries", []), parent.locale_id))
    return record_submission(
        kind=Submission.Kind.ENTRY, parent=parent, page=page, image=image, relations=relations, **submitter
    )


def record_membership_application(*, parent: Page, data: dict, submitter: dict, image: dict | None) -> Submission:
    """An application to join the alliance: a draft member profile."""
    page = MemberPage(
        title=data["title"],
        kind=data["kind"],
        acronym=data.get("acronym", ""),
        sector=data["sector"],
        country=data.get("country") or "",
        website=data.get("website", ""),
        description=_paragraphs(data["description"]),
        membership_status="unverified",
    )
    return record_submission(
        kind=Submission.Kind.MEMBERSHIP,
        parent=parent,
        page=page,
        image=image,
        image_field="logo",
        relations={"topics": list(data.get("topics") or [])},
        **submitter,
    )


def sync_submission_status(*, page: Page, status: str) -> int:
    """Set the status of the submissions that created `page`; returns how many changed.

    The first time a submitted page is published, its submitter is told (after commit).
    """
    changed = list(Submission.objects.filter(page_id=page.pk).exclude(status=status).values_list("pk", flat=True))
    Submission.objects.filter(pk__in=changed).update(status=status)
    if status == Submission.Status.PUBLISHED:
        for submission in Submission.objects.filter(pk__in=changed).exclude(submitter_email=""):
            transaction.on_commit(
                lambda submission=submission: notify_submission_published(submission=submission), robust=True
            )
    return len(changed)


def notify_submission_published(*, submission: Submission) -> None:
    page = submission.page.specific if submission.page_id else None
    if page is None:
        return
    context = {
        "submission": submission,
        "page_title": page.title,
        "kind": submission.get_kind_display(),
        "page_url": page.get_full_url(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    notify(recipients=[submission.submitter_email], template="submission_published_submitter", context=context)


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


def _paragraphs(text: str) -> str:
    """Plain text from a form as the rich text Wagtail stores: escaped paragraphs."""
    from django.utils.html import escape

    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return "".join(f"<p>{escape(block).replace(chr(10), '<br>')}</p>" for block in blocks)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _inbox_url(submission: Submission) -> str:
    try:
        return reverse("directory_submission_modeladmin_inspect", args=[submission.pk])
    except Exception:  # noqa: BLE001 - the inbox may not be registered (e.g. in a management command)
        return "/admin/"
