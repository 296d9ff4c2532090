"""The public event submission view, reached through EventIndexPage's /events/submit/ route."""

from events.forms import EventSubmissionForm
from events.services import record_event_submission
from home.submissions.views import submission_view


def submit_event(request, *, index):
    return submission_view(
        request,
        form_class=EventSubmissionForm,
        template="events/submit_event.html",
        context={"page": index, "self": index},
        record=lambda form: record_event_submission(
            parent=index,
            data=form.cleaned_data,
            submitter=form.submitter_data(),
            image=form.image_data(title=form.cleaned_data["title"]),
        ),
        thanks_url=index.url + index.reverse_subpage("submit_thanks"),
    )
