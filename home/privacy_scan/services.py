"""Business actions of the personal-data scan: scan a page (its latest
revision) and keep its findings in step, mark a finding as checked, and tell
who may see and check them."""

from collections import Counter

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from home.privacy_scan.models import PersonalDataFinding, describe_kind
from home.privacy_scan.page_text import page_images, page_texts
from home.privacy_scan.patterns import find_personal_data
from home.services import MODERATORS_GROUP


def scan_page(*, page: Page) -> list[PersonalDataFinding]:
    """Scan the latest revision of `page` (what the reviewers will read) and the
    metadata its images had when uploaded; returns the page's findings.

    A finding already recorded keeps its check; one no longer in the text goes."""
    page = page.specific
    content = page.get_latest_revision_as_object() if page.latest_revision_id else page
    found = {
        (field, kind, matched, False)
        for field, text in page_texts(content)
        for kind, matched in find_personal_data(text)
    }
    for image in page_images(content):
        for item in getattr(image, "metadata_findings", None) or []:
            found.add((f"Image metadata: {image.title} ({item['where']})"[:255], item["kind"], item["text"], True))
    with transaction.atomic():
        existing = {
            (finding.field, finding.kind, finding.matched_text, finding.in_file): finding
            for finding in PersonalDataFinding.objects.select_for_update().filter(page_id=page.pk)
        }
        PersonalDataFinding.objects.filter(pk__in=[f.pk for key, f in existing.items() if key not in found]).delete()
        PersonalDataFinding.objects.bulk_create(
            PersonalDataFinding(page_id=page.pk, field=field, kind=kind, matched_text=matched, in_file=in_file)
            for field, kind, matched, in_file in sorted(found - existing.keys())
        )
    return list(PersonalDataFinding.objects.filter(page_id=page.pk))


def mark_checked(*, finding: PersonalDataFinding, user, note: str = "") -> PersonalDataFinding:
    """A reviewer has looked at the finding: removed it from the draft, or allowed it
    (an organisation's public contact address listed as such), with a note."""
    finding.checked_by = user
    finding.checked_at = timezone.now()
    finding.checked_note = note[:255]
    finding.save(update_fields=["checked_by", "checked_at", "checked_note"])
    return finding


def findings_summary(findings) -> list[str]:
    """'2 possible e-mail addresses in Body' for each kind and field, unchecked findings only."""
    counts = Counter((finding.kind, finding.field) for finding in findings if finding.checked_at is None)
    return [f"{describe_kind(kind, count)} in {field}" for (kind, field), count in counts.items()]


def user_can_check_findings(*, user, page: Page) -> bool:
    """Moderators, and whoever the page's current task lets act on it (the data
    stewards at their step)."""
    if not user.is_active:
        return False
    if user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists():
        return True
    task = page.current_workflow_task
    return bool(task and task.specific.get_actions(page, user))
