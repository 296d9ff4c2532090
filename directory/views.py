"""Public submission views, reached through the index pages' routes
(DirectoryIndexPage /directory/submit/, MemberIndexPage /members/join/)."""

from directory.forms import EntrySubmissionForm, MembershipApplicationForm
from directory.services import record_entry_submission, record_membership_application
from home.submissions.views import submission_view


def _context(index):
    return {"page": index, "self": index}


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
