"""Who may publish a directory entry: nobody but a superuser, except through its
workflow once the data stewards have approved it.

Wagtail gives "Publish" to everyone with the publish permission, and a direct
publish cancels the workflow, so a moderator could otherwise put an entry
online that no data steward has reviewed, with unchecked personal-data
findings. Wagtail asks the page itself (`Page.permissions_for_user`, which a
page type may override), so the rule lives in one tester that the editor's
buttons, the bulk "Publish" action and the workflow's own final publish all
consult.
"""

from wagtail.models import Page, PagePermissionTester, Revision, TaskState, WorkflowState

from directory.stewardship import is_stewards_task
from home.privacy_scan.models import unchecked_findings


def data_review_passed(page) -> bool:
    """The latest workflow of `page` has an approved data stewards' step and is
    still running (a moderator publishes from the last step) or has just been
    approved for the page's latest revision; and no finding is unchecked."""
    state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    if state is None or state.status not in (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_APPROVED):
        return False
    approved = TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_APPROVED).select_related("task")
    if not any(is_stewards_task(task_state.task) for task_state in approved):
        return False
    if state.status == WorkflowState.STATUS_APPROVED and not _approved_draft_waiting(page, state):
        return False
    return not unchecked_findings(page).exists()


def _approved_draft_waiting(page, state) -> bool:
    """The workflow was just approved and publishes its draft now: the latest
    revision is not live yet and is older than the approval. A draft saved
    after the approval, or a live page edited later, needs a new review."""
    final = state.current_task_state
    row = Page.objects.filter(pk=page.pk).values("live_revision_id", "latest_revision_id").first()
    if final is None or final.finished_at is None or not row or row["latest_revision_id"] is None:
        return False
    if row["live_revision_id"] == row["latest_revision_id"]:
        return False
    return not Revision.objects.filter(pk=row["latest_revision_id"], created_at__gt=final.finished_at).exists()


class EntryPermissionTester(PagePermissionTester):
    def can_publish(self):
        if not super().can_publish():
            return False
        return self.user.is_superuser or data_review_passed(self.page)
