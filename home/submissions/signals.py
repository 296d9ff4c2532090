"""Receivers for Wagtail's moderation signals. They hold no business logic:
each calls a service.

1. Submission.status follows the draft's moderation (in review, rejected,
   published); the first publish tells the submitter (services).
2. Wagtail's own workflow e-mails (moderators on submission, the author on
   approval or rejection) are sent once the database transaction commits, so
   nobody is told about something that was then rolled back, and through a
   task (home.background.mail.send_workflow_notification) that the worker
   runs: a failing mail server leaves a failed task to re-run, and never
   fails the moderator's request (`robust=True` for anything else).

Images sent with a submission stay private until the page using them is
published: home/media_privacy.py has those receivers.
"""

from django.db import transaction

from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import page_published, task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from home.background.mail import send_workflow_notification
from home.submissions.models import Submission
from home.submissions.services import sync_submission_status


def _page_of(workflow_state):
    obj = workflow_state.content_object
    return obj if isinstance(obj, Page) else None


def on_task_submitted(sender, instance, **kwargs):
    page = _page_of(instance.workflow_state)
    if page is not None:
        sync_submission_status(page=page, status=Submission.Status.IN_REVIEW)


def on_workflow_rejected(sender, instance, **kwargs):
    page = _page_of(instance)
    if page is not None:
        sync_submission_status(page=page, status=Submission.Status.REJECTED)


def on_page_published(sender, instance, **kwargs):
    sync_submission_status(page=instance, status=Submission.Status.PUBLISHED)


def _after_commit(notifier_name, *, skip_public=False):
    def receiver(sender, instance, user=None, **kwargs):
        if skip_public and user is None:
            # A public submission (no signed-in user): services.notify_submission_received
            # sends the moderators a notice that links to the submissions inbox instead.
            return
        # A task (home.background.mail) with ids only: the worker sends it, and a failure can be re-run.
        transaction.on_commit(
            lambda: send_workflow_notification.enqueue(
                notifier_name, instance._meta.label, instance.pk, user.pk if user is not None else None
            ),
            robust=True,
        )

    return receiver


# (signal, sender, Wagtail's dispatch_uid, name of the notifier in wagtail.admin.signal_handlers)
WAGTAIL_NOTIFIERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", "task_submission_email_notifier"),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        "workflow_submission_email_notifier",
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        "workflow_rejection_email_notifier",
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        "workflow_approval_email_notifier",
    ),
]


def connect_receivers():
    task_submitted.connect(on_task_submitted, dispatch_uid="hub_submission_in_review")
    workflow_rejected.connect(on_workflow_rejected, sender=WorkflowState, dispatch_uid="hub_submission_rejected")
    page_published.connect(on_page_published, dispatch_uid="hub_submission_published")

    # Take over Wagtail's receivers under their own dispatch_uid: whichever app is
    # ready first, the deferred version is the one left connected.
    for signal, sender, uid, notifier_name in WAGTAIL_NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(
            _after_commit(notifier_name, skip_public=signal in (task_submitted, workflow_submitted)),
            sender=sender,
            dispatch_uid=uid,
            weak=False,
        )
