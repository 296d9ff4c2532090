"""The moderators' inbox of public submissions (wagtail-modeladmin, as the
client asked), with an action to erase a submitter's personal data.

Registered through home/wagtail_hooks.py, which Wagtail loads.
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import RedirectView

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from home.privacy_scan.models import PersonalDataFinding
from home.privacy_scan.services import findings_summary
from home.semantic.duplicates import possible_duplicates
from home.submissions.models import Submission
from home.submissions.services import erase_personal_data


class SubmissionButtonHelper(ButtonHelper):
    def erase_button(self, pk):
        return {
            "url": reverse("home_submission_erase", args=[quote(pk)]),
            "label": _("Erase personal data"),
            "classname": self.finalise_classname(["button-secondary"]),
            "title": _("Erase the submitter's name, e-mail, organisation and message; the page stays"),
        }

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if obj.personal_data_erased_at is None and self.permission_helper.user_can_edit_obj(self.request.user, obj):
            buttons.append(self.erase_button(obj.pk))
        return buttons


class SubmissionAdmin(ModelAdmin):
    """The inbox of public submissions, for moderators only (view/change/delete_submission)."""

    model = Submission
    menu_label = gettext_lazy("Submissions")
    menu_icon = "mail"
    menu_order = 250
    add_to_settings_menu = False
    inspect_view_enabled = True
    button_helper_class = SubmissionButtonHelper
    list_display = (
        "draft_title",
        "status",
        "kind",
        "created_at",
        "submitter",
        "personal_data",
        "duplicates",
        "moderation_links",
    )
    list_filter = ("status", "kind", "created_at")
    search_fields = ("submitter_name", "submitter_email", "submitter_organisation", "message", "page__title")
    ordering = ("-created_at",)
    list_per_page = 50
    inspect_view_fields = (
        "kind",
        "status",
        "created_at",
        "submitter_name",
        "submitter_email",
        "submitter_organisation",
        "message",
        "decided_at",
        "personal_data_erased_at",
    )
    panels = [
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("submitter_name"),
                FieldPanel("submitter_email"),
                FieldPanel("submitter_organisation"),
                FieldPanel("message"),
            ],
            heading=gettext_lazy("Submitter (private)"),
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page")

    @staticmethod
    def draft_title(obj):
        return obj.page.title if obj.page_id and obj.page else _("(page deleted)")

    draft_title.short_description = gettext_lazy("Page")

    @staticmethod
    def submitter(obj):
        if obj.personal_data_erased_at:
            return _("(erased)")
        parts = [obj.submitter_name, obj.submitter_organisation]
        return " · ".join(part for part in parts if part) or "—"

    submitter.short_description = gettext_lazy("Submitter")

    @staticmethod
    def personal_data(obj):
        """What the personal-data scan found in the draft, unchecked first, with a link to check it."""
        if not obj.page_id:
            return "—"
        findings = list(PersonalDataFinding.objects.filter(page_id=obj.page_id))
        unchecked = findings_summary(findings)
        if not findings:
            return _("Nothing found")
        text = "; ".join(unchecked) if unchecked else _("%(count)d finding(s), all checked") % {"count": len(findings)}
        return format_html(
            '{} · <a href="{}">{}</a>',
            text,
            reverse("hub_personal_data_findings", args=[obj.page_id]),
            _("Check the findings") if unchecked else _("See the findings"),
        )

    personal_data.short_description = gettext_lazy("Personal-data scan")

    @staticmethod
    def duplicates(obj):
        """The live pages closest in meaning to a draft not yet published (home/semantic/duplicates.py),
        each with its score, its live page and its editor; the draft's own editor is in the next column."""
        if not obj.page_id or obj.page.live:
            return "—"
        found = possible_duplicates(obj.page)
        if not found:
            return _("None found")
        return format_html_join(
            "; ",
            '“{}” ({}) · <a href="{}">{}</a> · <a href="{}">{}</a>',
            (
                (
                    page.title,
                    f"{score:.2f}",
                    page.url or "#",
                    _("live page"),
                    reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    _("edit"),
                )
                for page, score in found
            ),
        )

    duplicates.short_description = gettext_lazy("Possible duplicates")

    @staticmethod
    def moderation_links(obj):
        if not obj.page_id:
            return "—"
        links = [
            (reverse("wagtailadmin_pages:edit", args=[obj.page_id]), _("Review the draft")),
            (reverse("wagtailadmin_pages:workflow_history", args=[obj.page_id]), _("Moderation")),
            (reverse("wagtailadmin_pages:history", args=[obj.page_id]), _("History")),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    moderation_links.short_description = gettext_lazy("Draft and moderation")


submission_admin = modeladmin_register(SubmissionAdmin)


def erase_submission_view(request, pk):
    """Confirm (GET) then erase (POST) a submitter's personal data; the page stays."""
    submission = get_object_or_404(Submission, pk=pk)
    if not request.user.has_perm("home.change_submission"):
        raise PermissionDenied
    inspect_url = reverse("home_submission_modeladmin_inspect", args=[quote(pk)])
    if request.method == "POST":
        erase_personal_data(submission=submission)
        messages.success(request, _("The submitter's personal data has been erased. The page is kept."))
        return redirect(inspect_url)
    return TemplateResponse(
        request,
        "submissions/admin/confirm_erase.html",
        {"submission": submission, "cancel_url": inspect_url, "header_title": _("Erase personal data")},
    )


@hooks.register("register_admin_urls")
def register_submission_urls():
    return [
        path("submissions/<int:pk>/erase/", erase_submission_view, name="home_submission_erase"),
        # The inbox was at directory/submission/ before it moved to home: keep
        # bookmarks and the links in e-mails already sent working.
        path("directory/submission/", RedirectView.as_view(pattern_name="home_submission_modeladmin_index")),
        path(
            "directory/submission/inspect/<int:instance_pk>/",
            RedirectView.as_view(pattern_name="home_submission_modeladmin_inspect"),
        ),
    ]
