"""Send a confirmation link and record its answer, each in the page's history.

The e-mails (the link, then a notice of the answer to the moderator who sent it)
are tasks, as every e-mail of the site (home/background/mail.py), whose argument
is the request's id: the link's address is read from the row when the task runs
and blanked once the message is sent, and the moderator's is their account's, so
neither the task table nor the logs ever hold one.
"""

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page

from django_tasks import task

from directory.confirmation.links import expires_at, make_token
from directory.models import ConfirmationRequest
from home.background.mail import send_one

SENT = "directory.confirmation.sent"
CONFIRMED = "directory.confirmation.confirmed"
CHANGE_REQUESTED = "directory.confirmation.change_requested"
LOG_ACTION_FOR_ANSWER = {
    ConfirmationRequest.Answer.CONFIRMED: CONFIRMED,
    ConfirmationRequest.Answer.CHANGE_REQUESTED: CHANGE_REQUESTED,
}


def can_request_confirmation(*, user, page: Page) -> bool:
    """Who may send a link, and when: whoever may publish the entry (a moderator),
    while it has a draft that is not live yet."""
    return bool(
        page.latest_revision_id and page.has_unpublished_changes and page.permissions_for_user(user).can_publish()
    )


def request_confirmation(*, page: Page, user, recipient_email: str, organisation: str) -> ConfirmationRequest:
    """Record a request for the page's latest revision, note it in the page's history
    (the organisation, never the address) and send the link after commit."""
    with transaction.atomic():
        confirmation = ConfirmationRequest.objects.create(
            page=page,
            revision_id=page.latest_revision_id,
            organisation=organisation,
            recipient_email=recipient_email,
            requested_by=user,
        )
        log(
            instance=page,
            action=SENT,
            user=user,
            revision=confirmation.revision,
            data={
                "request": confirmation.pk,
                "organisation": organisation,
                "expires": expires_at(confirmation).isoformat(),
            },
        )
    transaction.on_commit(lambda: send_confirmation_link.enqueue(confirmation.pk), robust=True)
    return confirmation


@task()
def send_confirmation_link(confirmation_id: int) -> str:
    confirmation = ConfirmationRequest.objects.select_related("page").filter(pk=confirmation_id).first()
    if confirmation is None:
        return "request deleted"
    if not confirmation.recipient_email:
        return "already sent"
    from django.conf import settings

    page = confirmation.page.specific
    index = page.get_parent().specific
    context = {
        "page_title": page.get_admin_display_title(),
        "organisation": confirmation.organisation,
        "link": index.get_full_url() + index.reverse_subpage("confirm", args=[make_token(confirmation)]),
        "expires": expires_at(confirmation),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    send_one(template="confirmation_link", context=context, address=confirmation.recipient_email)
    confirmation.recipient_email = ""
    confirmation.sent_at = timezone.now()
    confirmation.save(update_fields=["recipient_email", "sent_at"])
    return "sent"


def answer_confirmation(*, confirmation: ConfirmationRequest, answer: str, comment: str) -> bool:
    """Record the link holder's answer in the request and the page's history; False
    when the link was answered meanwhile (a second click, two tabs), which then
    records nothing."""
    with transaction.atomic():
        answered = ConfirmationRequest.objects.filter(pk=confirmation.pk, answered_at__isnull=True).update(
            answered_at=timezone.now(), answer=answer
        )
        if not answered:
            return False
        log(
            instance=confirmation.page.specific,
            action=LOG_ACTION_FOR_ANSWER[answer],
            user=None,
            revision=confirmation.revision,
            data={"request": confirmation.pk, "organisation": confirmation.organisation, "comment": comment},
        )
    transaction.on_commit(lambda: send_confirmation_answer.enqueue(confirmation.pk), robust=True)
    return True


@task()
def send_confirmation_answer(confirmation_id: int) -> str:
    """Tell the moderator who sent the link that it was answered; the comment itself
    is in the page's history, which the e-mail links to."""
    confirmation = ConfirmationRequest.objects.select_related("page", "requested_by").filter(pk=confirmation_id).first()
    user = confirmation.requested_by if confirmation else None
    if user is None or not user.is_active or not user.email:
        return "nobody to tell"
    from django.conf import settings
    from django.urls import reverse

    context = {
        "page_title": confirmation.page.specific.get_admin_display_title(),
        "organisation": confirmation.organisation,
        "confirmed": confirmation.answer == ConfirmationRequest.Answer.CONFIRMED,
        "history_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailadmin_pages:history", args=[confirmation.page_id]),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    send_one(template="confirmation_answered", context=context, address=user.email)
    return "sent"
