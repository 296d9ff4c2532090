from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConfirmationRequest(models.Model):
    """A signed link sent to an organisation credited in a draft entry, asking it to
    confirm the description or ask for a change (directory/confirmation/).

    The link itself is not stored: it is signed from this row's ids and creation time
    and checked against them. The recipient's address is kept only until the e-mail
    is sent, so a failed send can be re-run; the page's history names the
    organisation, never the address.
    """

    class Answer(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CHANGE_REQUESTED = "change_requested", _("Change requested")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    organisation = models.CharField(_("organisation as credited"), max_length=255, blank=True)
    recipient_email = models.EmailField(_("recipient's e-mail (until sent)"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, blank=True)

    class Meta:
        verbose_name = _("confirmation request")
        verbose_name_plural = _("confirmation requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation or _('(no organisation)')} · {self.page_id}"
