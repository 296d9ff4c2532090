"""Public submission views, reached through the index pages' routes
(DirectoryIndexPage /directory/submit/, MemberIndexPage /members/join/)."""

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from directory.forms import EntrySubmissionForm, MembershipApplicationForm
from directory.services import record_entry_submission, record_membership_application
from home.submissions import submission_view

THANKS = {
    "entry": {
        "heading": _("Thank you for your submission"),
        "text": _(
            "A moderator will review the entry before it is published. We have sent you an e-mail "
            "confirming that we received it, and will write again when it has been reviewed."
        ),
    },
    "event": {
        "heading": _("Thank you for telling us about your event"),
        "text": _(
            "A moderator will review it before it appears on the events page. We have sent you an "
            "e-mail confirming that we received it."
        ),
    },
    "membership": {
        "heading": _("Thank you for your application"),
        "text": _(
            "A moderator will review your application and contact you. Your profile is published "
            "only once it has been approved."
        ),
    },
}


def _context(index, **extra):
    return {"page": index, "self": index, **extra}


def submit_entry(request, *, index):
    return submission_view(
        request,
        form_class=EntrySubmissionForm,
        template="directory/submit_entry.html",
        context=_context(index),
        record=lambda form: record_entry_submission(
            parent=index,
            data=form.cleaned_data,
            submitter=form.submitter_data(),
            image=form.image_data(title=form.cleaned_data["title"]),
        ),
        thanks_url=index.url + index.reverse_subpage("submit_thanks"),
    )


def join(request, *, index):
    return submission_view(
        request,
        form_class=MembershipApplicationForm,
        template="directory/join.html",
        context=_context(index),
        record=lambda form: record_membership_application(
            parent=index,
            data=form.cleaned_data,
            submitter=form.submitter_data(),
            image=form.image_data(title=form.cleaned_data["title"]),
        ),
        thanks_url=index.url + index.reverse_subpage("join_thanks"),
    )


def submission_thanks(request, *, index, kind):
    """The confirmation page every public form redirects to."""
    response = TemplateResponse(
        request, "directory/submit_thanks.html", _context(index, kind=kind, back_url=index.url, **THANKS[kind])
    )
    add_never_cache_headers(response)
    return response
