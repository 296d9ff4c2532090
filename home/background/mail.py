"""The site's e-mails as tasks, so a mail server outage leaves a failed task an
operator can re-run instead of a lost message.

Each task carries ids and a recipient role, never an address or a name: the
task table, the worker's log and the operators' report hold no personal
data, and a submitter whose data was erased in the meantime is not written
to. The address is looked up when the task runs. One task per recipient, so
a re-run sends again only what failed.
"""

import logging

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string

from django_tasks import task

mail_logger = logging.getLogger("hub.notifications")

SUBMITTER = "submitter"
MODERATION_ADDRESS = "moderation-address"


class MailNotSent(Exception):
    """The mail server refused or could not be reached; only the error's class is kept,
    since an SMTP refusal quotes the recipient's address."""


def user_recipient(user_id) -> str:
    return f"user:{int(user_id)}"


def send_one(*, template: str, context: dict, address: str) -> None:
    """Render `emails/<template>_subject.txt` and `emails/<template>.txt` and send them
    to one address; MailNotSent if the server fails (logged without the address)."""
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body = render_to_string(f"emails/{template}.txt", context)
    try:
        send_mail(subject, body, None, [address])
    except Exception as error:  # noqa: BLE001 - any mail failure becomes one clean, address-free error
        mail_logger.error("Could not send the %r e-mail: %s", template, error.__class__.__name__)
        # `from None`: the original exception's text (the address) must not reach the task's traceback.
        raise MailNotSent(f"{template}: {error.__class__.__name__}") from None


@task()
def send_submission_email(submission_id: int, template: str, recipient: str) -> str:
    """One notice about a public submission: `recipient` is "submitter", "user:<id>"
    (a moderator) or "moderation-address" (HUB_MODERATION_EMAIL)."""
    from home.submissions.services import submission_email_context

    submission = apps.get_model("home", "Submission").objects.filter(pk=submission_id).first()
    if submission is None:
        return "submission deleted"
    address = _address(submission, recipient)
    if not address:
        return "no address"
    context = submission_email_context(submission=submission, template=template)
    if context is None:
        return "page deleted"
    send_one(template=template, context=context, address=address)
    return "sent"


def _address(submission, recipient: str) -> str:
    from django.conf import settings

    if recipient == SUBMITTER:
        return submission.submitter_email
    if recipient == MODERATION_ADDRESS:
        return getattr(settings, "HUB_MODERATION_EMAIL", "")
    kind, _, user_id = recipient.partition(":")
    if kind == "user" and user_id.isdigit():
        user = get_user_model().objects.filter(pk=int(user_id), is_active=True).first()
        return user.email if user else ""
    raise ValueError(f"unknown recipient {recipient!r}")


@task()
def send_workflow_notification(notifier_name: str, model_label: str, object_id: int, user_id: int | None) -> str:
    """One of Wagtail's own workflow notices (wagtail.admin.signal_handlers), sent by the
    worker once the moderation step committed. Wagtail's notifier logs a failing server
    and answers False; that becomes a failed task here."""
    from wagtail.admin import signal_handlers as wagtail_admin_handlers

    model = apps.get_model(model_label)
    instance = model.objects.filter(pk=object_id).first()
    if instance is None:
        return "gone"
    instance = getattr(instance, "specific", instance)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    notifier = getattr(wagtail_admin_handlers, notifier_name)
    if notifier(sender=model, instance=instance, user=user) is False and notifier.can_handle(instance, user=user):
        raise MailNotSent(f"{notifier_name}: not every recipient could be sent the notice")
    return "sent"
