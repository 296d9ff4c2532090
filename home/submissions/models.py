from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """A public submission: who sent it and which draft it became.

    Private: the submitter's details are for moderators only and never reach
    a page, search, feed, the API or an export.
    """

    class Kind(models.TextChoices):
        ENTRY = "entry", _("Directory entry")
        EVENT = "event", _("Event")
        MEMBERSHIP = "membership", _("Membership application")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    submitter_name = models.CharField(_("submitter's name"), max_length=200, blank=True)
    submitter_email = models.EmailField(_("submitter's e-mail"), blank=True)
    submitter_organisation = models.CharField(_("submitter's organisation"), max_length=255, blank=True)
    message = models.TextField(_("message to moderators"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("draft page"),
    )
    # When moderation decided it (published or rejected); cleared while it is back in review.
    # The submitter's details are erased HUB_SUBMISSION_RETENTION_DAYS after it (erase_expired_submissions).
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, db_index=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        title = self.page.title if self.page_id and self.page else _("(page deleted)")
        return f"{self.get_kind_display()}: {title}"


# The two safeguards below live in the database, which every app server
# shares, rather than in the cache, which without Redis is one per process
# (home/submissions/safeguards.py).


class SubmissionToken(models.Model):
    """A form token already sent: the unique index refuses it a second time."""

    token = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("used form token")

    def __str__(self):
        return self.token


class SubmissionRate(models.Model):
    """How many submissions one client address has made in its current window."""

    client_address = models.CharField(max_length=100, unique=True)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("submission rate")

    def __str__(self):
        return f"{self.client_address}: {self.count}"
