"""The submission limit per client address and the once-only form token.

Both live in the database, which every app server and worker process shares,
so they hold with the embedded default (a local-memory cache per process)
as well as with Redis. Each decision is one statement the database applies
atomically: an UPDATE with its condition in the WHERE clause for the limit,
an INSERT into a unique column for the token. Old rows are removed on write.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from home.submissions.client_address import client_ip
from home.submissions.models import SubmissionRate, SubmissionToken

# A form left open longer than this may be sent again as a new submission.
TOKEN_LIFETIME = datetime.timedelta(days=1)
_ADDRESS_LENGTH = SubmissionRate._meta.get_field("client_address").max_length


def is_valid_token(token: str) -> bool:
    return len(token) == 32 and token.isalnum()


def _client_address(request) -> str:
    return client_ip(request)[:_ADDRESS_LENGTH]


def _take_one(address, *, now, window_opened_after, limit) -> bool:
    expired = Q(window_start__lt=window_opened_after)
    updated = (
        SubmissionRate.objects.filter(client_address=address)
        .filter(expired | Q(count__lt=limit))
        .update(
            count=Case(When(expired, then=Value(1)), default=F("count") + 1),
            window_start=Case(When(expired, then=Value(now)), default=F("window_start")),
        )
    )
    return updated == 1


def reserve_submission(request) -> bool:
    """Count one submission for the client's address; False when its limit
    (HUB_SUBMISSION_RATE_LIMIT per HUB_SUBMISSION_RATE_WINDOW seconds) is reached."""
    limit = getattr(settings, "HUB_SUBMISSION_RATE_LIMIT", 5)
    if limit <= 0:
        return False
    address = _client_address(request)
    now = timezone.now()
    window_opened_after = now - datetime.timedelta(seconds=getattr(settings, "HUB_SUBMISSION_RATE_WINDOW", 3600))
    if _take_one(address, now=now, window_opened_after=window_opened_after, limit=limit):
        return True
    try:
        with transaction.atomic():
            SubmissionRate.objects.create(client_address=address, window_start=now, count=1)
    except IntegrityError:
        # The row exists: full, or created by another process a moment ago.
        return _take_one(address, now=now, window_opened_after=window_opened_after, limit=limit)
    SubmissionRate.objects.filter(window_start__lt=window_opened_after).delete()
    return True


def release_submission(request) -> None:
    """Give back a reserved submission that recorded nothing (invalid form, repeated post)."""
    SubmissionRate.objects.filter(client_address=_client_address(request), count__gt=0).update(count=F("count") - 1)


def claim_token(token: str) -> bool:
    """True the first time a form's token is sent, False for a repeated post."""
    now = timezone.now()
    SubmissionToken.objects.filter(created_at__lt=now - TOKEN_LIFETIME).delete()
    try:
        with transaction.atomic():
            SubmissionToken.objects.create(token=token, created_at=now)
    except IntegrityError:
        return False
    return True


def release_token(token: str) -> None:
    """Let a form whose post recorded nothing be sent again."""
    SubmissionToken.objects.filter(token=token).delete()
