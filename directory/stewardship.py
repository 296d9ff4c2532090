"""Business actions of the data stewards' review of directory entries.

Which workflow applies: the "Directory entry review" workflow (created by
directory/migrations/0009_data_stewards_and_entry_review_workflow.py) is attached
with a WorkflowPage to the directory index, the Wagtail-native way, so
Settings > Workflows shows it and an administrator can change it. The index may
not exist when the migrations run (a fresh database), so the migration attaches
it to an index already there and `attach_entry_review_workflow` to every index
created later (the demo loader, the admin, the tests: directory/signals.py).
Public submissions and staff drafts then reach it through Page.get_workflow(),
with nothing to change in home.services.create_draft_for_moderation. Every
other page keeps the site-wide "Moderation" workflow on the root.
"""

import datetime

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from wagtail.models import Page, Task, Workflow, WorkflowPage

from home.caching.invalidation import content_changed
from home.services import STEWARDS_GROUP

ENTRY_WORKFLOW_NAME = "Directory entry review"
STEWARDS_TASK_NAME = "Data responsibility review"
DEFAULT_REVIEW_INTERVAL_MONTHS = 12


def attach_entry_review_workflow(*, index: Page) -> WorkflowPage | None:
    """Attach the directory entries' workflow to `index` unless one is attached there already."""
    workflow = Workflow.objects.filter(name=ENTRY_WORKFLOW_NAME, active=True).first()
    if workflow is None or WorkflowPage.objects.filter(page=index).exists():
        return None
    return WorkflowPage.objects.create(page=index, workflow=workflow)


def is_stewards_task(task: Task) -> bool:
    specific = task.specific
    return hasattr(specific, "groups") and specific.groups.filter(name=STEWARDS_GROUP).exists()


def record_data_review(*, page: Page, on: datetime.date | None = None) -> bool:
    """The stewards approved their step: the entry's `last_reviewed` date is today.

    Written to the page row only; DirectoryEntryPage.with_content_json keeps it
    when a revision is published, so no draft can roll it back."""
    from directory.models import DirectoryEntryPage

    changed = DirectoryEntryPage.objects.filter(pk=page.pk).update(last_reviewed=on or timezone.localdate())
    if changed and page.live:
        content_changed()  # a live entry shows the new date at once (an update() sends no post_save)
    return bool(changed)


def review_interval_months() -> int:
    return int(getattr(settings, "HUB_REVIEW_INTERVAL_MONTHS", DEFAULT_REVIEW_INTERVAL_MONTHS))


def review_due_before(*, today: datetime.date | None = None) -> datetime.date:
    """The date before which an entry's last review is too old (same day, N months back)."""
    today = today or timezone.localdate()
    months = today.year * 12 + today.month - 1 - review_interval_months()
    year, month = divmod(months, 12)
    month += 1
    for day in range(today.day, 0, -1):
        try:
            return datetime.date(year, month, day)
        except ValueError:  # 31 March minus one month: the last day of February
            continue
    raise AssertionError("unreachable")


def entries_due_for_review(*, today: datetime.date | None = None):
    """Live entries never reviewed or last reviewed before the interval, oldest first."""
    from directory.models import DirectoryEntryPage

    due = review_due_before(today=today)
    return (
        DirectoryEntryPage.objects.live()
        .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=due))
        .order_by(F("last_reviewed").asc(nulls_first=True), "title")
    )
