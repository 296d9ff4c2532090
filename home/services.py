"""Business actions shared by every app: drafts for moderation, uploaded images, notifications."""

import logging
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.models import Page

logger = logging.getLogger("hub.notifications")

MODERATORS_GROUP = "Moderators"
EDITORS_GROUP = "Editors"


def create_draft_for_moderation(*, parent: Page, page: Page, user=None) -> Page:
    """Add `page` under `parent` as a draft, save its first revision and start the
    moderation workflow that applies there. The page is never live."""
    page.live = False
    page.has_unpublished_changes = True
    if not page.slug:
        page.slug = find_available_slug(parent, slugify(page.title)[:80] or "untitled")
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return page


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


def moderator_emails() -> list[str]:
    """Addresses of the active moderators, or HUB_MODERATION_EMAIL when none has one."""
    emails = list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    fallback = getattr(settings, "HUB_MODERATION_EMAIL", "")
    if not emails and fallback:
        emails = [fallback]
    return emails


def notify(*, recipients: list[str], template: str, context: dict) -> bool:
    """Send one plain-text e-mail rendered from `emails/<template>_subject.txt` and
    `emails/<template>.txt`, one message per recipient so no address is disclosed.

    A mail server failure is logged and swallowed: a notification must never
    lose or block the action that caused it. Returns whether every message went.
    """
    recipients = [address for address in recipients if address]
    if not recipients:
        return True
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body = render_to_string(f"emails/{template}.txt", context)
    sent = True
    for address in recipients:
        try:
            send_mail(subject, body, None, [address])
        except Exception as error:  # noqa: BLE001 - any mail failure must not propagate
            # Only the error's class: an SMTP refusal quotes the recipient's address, which must not reach the log.
            logger.error("Could not send the %r e-mail: %s", template, error.__class__.__name__)
            sent = False
    return sent
