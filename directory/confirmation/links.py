"""The signed links: what they carry, and when they are dead.

A token is `django.core.signing`'s signed JSON of the page id, the revision id and
the ConfirmationRequest id, stamped with the request's creation time, so it expires
HUB_CONFIRMATION_LINK_DAYS after the moderator asked for it however late the e-mail
goes out. Nothing about it is stored: a token that does not verify, or verifies but
no longer matches an open request, is simply not found (404).
"""

import datetime

from django.conf import settings
from django.core import signing

from directory.models import ConfirmationRequest

SALT = "directory.confirmation-link"
# Wagtail serves page URLs whose segments are letters, digits, "-" and "_" only:
# with "/" between its parts (never in URL-safe base64), a token is three such segments.
SEP = "/"


class _SignerAt(signing.TimestampSigner):
    """A TimestampSigner stamping a given time rather than now."""

    def __init__(self, *, issued_at: datetime.datetime, **kwargs):
        super().__init__(**kwargs)
        self._issued_at = issued_at

    def timestamp(self):
        return signing.b62_encode(int(self._issued_at.timestamp()))


def link_lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.HUB_CONFIRMATION_LINK_DAYS)


def expires_at(confirmation: ConfirmationRequest) -> datetime.datetime:
    return confirmation.created_at + link_lifetime()


def make_token(confirmation: ConfirmationRequest) -> str:
    payload = {"p": confirmation.page_id, "r": confirmation.revision_id, "c": confirmation.pk}
    return _SignerAt(issued_at=confirmation.created_at, salt=SALT, sep=SEP).sign_object(payload)


def open_confirmation(token: str) -> ConfirmationRequest | None:
    """The open request a token names, or None when the link is dead: a wrong or
    changed token, past its lifetime, already answered, or the entry published
    since the link was made (the draft it shows is no longer what is in review)."""
    try:
        payload = signing.TimestampSigner(salt=SALT, sep=SEP).unsign_object(token, max_age=link_lifetime())
        ids = {key: int(payload[key]) for key in ("p", "r", "c")}
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return None
    confirmation = (
        ConfirmationRequest.objects.select_related("page", "revision")
        .filter(pk=ids["c"], page_id=ids["p"], revision_id=ids["r"], answered_at__isnull=True)
        .first()
    )
    if confirmation is None:
        return None
    published = confirmation.page.last_published_at
    if published is not None and published >= confirmation.created_at:
        return None
    return confirmation
