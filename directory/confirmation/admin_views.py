"""The moderators' form that sends a confirmation link for a draft entry
(the page header's menu, registered in directory/wagtail_hooks.py)."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages
from wagtail.models import Page

from directory.confirmation.services import can_request_confirmation, request_confirmation
from directory.models import DirectoryEntryPage


class ConfirmationLinkForm(forms.Form):
    organisation = forms.ChoiceField(
        label=gettext_lazy("Organisation"), help_text=gettext_lazy("As credited in the draft")
    )
    recipient_email = forms.EmailField(
        label=gettext_lazy("Send the link to"),
        help_text=gettext_lazy(
            "Used once to send the e-mail, then forgotten: the history names the organisation only."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(name, name) for name in organisations] or [
            ("", gettext_lazy("(the draft credits no organisation)"))
        ]
        self.fields["organisation"].required = bool(organisations)


def send_confirmation_link(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, DirectoryEntryPage):
        raise PermissionDenied
    if not can_request_confirmation(user=request.user, page=page):
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    organisations = list(dict.fromkeys(link.name for link in draft.organisation_links.all()))
    form = ConfirmationLinkForm(request.POST or None, organisations=organisations)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST" and form.is_valid():
        request_confirmation(
            page=page,
            user=request.user,
            recipient_email=form.cleaned_data["recipient_email"],
            organisation=form.cleaned_data["organisation"],
        )
        messages.success(
            request,
            _("A confirmation link for the current draft is on its way; it is valid for %(days)d days.")
            % {"days": settings.HUB_CONFIRMATION_LINK_DAYS},
        )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "directory/confirmation/admin_send.html",
        {
            "page": page,
            "form": form,
            "cancel_url": edit_url,
            "days": settings.HUB_CONFIRMATION_LINK_DAYS,
            "header_title": _("Ask a credited organisation to confirm"),
        },
    )
