"""Business actions for the directory's public forms: the draft pages of a
submitted entry and of an application to join, recorded by home.submissions."""

from django.utils.html import escape

from wagtail.models import Page

from directory.models import (
    DirectoryEntryPage,
    EntryCountry,
    EntryOrganisation,
    MemberPage,
    TypeAssignedBy,
)
from directory.models.responsibility import CHOICE_FIELDS, NOT_STATED
from directory.regions import regions_for_countries
from home.models import Submission
from home.submissions.services import record_submission


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
        # A question the submitter left unanswered stays "not stated".
        **{name: data.get(name) or NOT_STATED for name in CHOICE_FIELDS},
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
        for name in (
            "data_sources",
            "methods",
            "value_propositions",
            "topics",
            "questions",
            "protections",
            "arrangements",
        )
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


def _paragraphs(text: str) -> str:
    """Plain text from a form as the rich text Wagtail stores: escaped paragraphs."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return "".join(f"<p>{escape(block).replace(chr(10), '<br>')}</p>" for block in blocks)
