"""The personal-data scan's findings and the workflow task that waits for them.

Both steps of the moderation workflows use `PersonalDataCheckTask`, a Wagtail
GroupApprovalTask that refuses "approve" while the page has a finding nobody
has checked (home/privacy_scan/services.py fills them in).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.models import GroupApprovalTask

from home.services import MODERATORS_GROUP


class FindingKind(models.TextChoices):
    EMAIL = "email", _("e-mail address")
    PHONE = "phone", _("phone number")
    POSTAL_ADDRESS = "postal_address", _("postal address")
    ID_NUMBER = "id_number", _("passport or ID-like number")
    COORDINATES = "coordinates", _("precise coordinates")
    PERSON_NAME = "person_name", _("name of a person")


def describe_kind(kind: str, count: int) -> str:
    """'2 possible e-mail addresses': the banner's wording for `count` findings of `kind`."""
    wording = {
        FindingKind.EMAIL: ngettext("%(n)d possible e-mail address", "%(n)d possible e-mail addresses", count),
        FindingKind.PHONE: ngettext("%(n)d possible phone number", "%(n)d possible phone numbers", count),
        FindingKind.POSTAL_ADDRESS: ngettext("%(n)d possible postal address", "%(n)d possible postal addresses", count),
        FindingKind.ID_NUMBER: ngettext(
            "%(n)d possible passport or ID number", "%(n)d possible passport or ID numbers", count
        ),
        FindingKind.COORDINATES: ngettext(
            "%(n)d set of precise coordinates", "%(n)d sets of precise coordinates", count
        ),
        FindingKind.PERSON_NAME: ngettext(
            "%(n)d possible name of a private person", "%(n)d possible names of private persons", count
        ),
    }[kind]
    return wording % {"n": count}


class PersonalDataFinding(models.Model):
    """Something in a page (or in the metadata of an image it uses) that looks
    like personal data. Private to moderators and stewards, like the page's draft."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    field = models.CharField(_("field"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    matched_text = models.CharField(_("matched text"), max_length=500)
    in_file = models.BooleanField(_("in a file's metadata"), default=False)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    checked_note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("For example: the organisation's public contact address, listed as such"),
    )

    class Meta:
        verbose_name = _("personal-data finding")
        verbose_name_plural = _("personal-data findings")
        ordering = ["in_file", "field", "kind", "pk"]
        indexes = [models.Index(fields=["page", "checked_at"], name="finding_page_checked")]

    def __str__(self):
        return f"{self.get_kind_display()} in {self.field}: {self.matched_text}"


def unchecked_findings(obj):
    return PersonalDataFinding.objects.filter(page_id=getattr(obj, "pk", None), checked_at__isnull=True)


class PersonalDataCheckTask(GroupApprovalTask):
    """A group approval that cannot be approved while the personal-data scan has
    unchecked findings: "Request changes" stays available, "Approve" comes back
    once each finding is marked as checked.

    Moderators may request changes at any step (a spam submission waiting for
    the data stewards need not wait), but approve only their own."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions and user.is_active and user.groups.filter(name=MODERATORS_GROUP).exists():
            actions = [("reject", _("Request changes"), True)]
        if actions and unchecked_findings(obj).exists():
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # get_actions already hides the button and the admin's views refuse an
        # action it does not list; this also stops code that calls on_action directly.
        if action_name == "approve" and unchecked_findings(task_state.workflow_state.content_object).exists():
            raise PermissionDenied("Unchecked personal-data findings")
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve it once every personal-data finding is checked")

    class Meta:
        verbose_name = _("Group approval with personal-data check")
        verbose_name_plural = _("Group approvals with personal-data check")
