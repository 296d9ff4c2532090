"""The views every public form uses: the form itself and its confirmation.

The apps route to them from their index pages (DirectoryIndexPage
/directory/submit/, MemberIndexPage /members/join/, EventIndexPage
/events/submit/) and pass their own form class and recording service.
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from home.submissions.models import Submission
from home.submissions.safeguards import (
    claim_token,
    is_valid_token,
    release_submission,
    release_token,
    reserve_submission,
)

THANKS = {
    Submission.Kind.ENTRY: {
        "heading": _("Thank you for your submission"),
        "text": _(
            "A moderator will review the entry before it is published. We have sent you an e-mail "
            "confirming that we received it, and will write again when it has been reviewed."
        ),
    },
    Submission.Kind.EVENT: {
        "heading": _("Thank you for telling us about your event"),
        "text": _(
            "A moderator will review it before it appears on the events page. We have sent you an "
            "e-mail confirming that we received it."
        ),
    },
    Submission.Kind.MEMBERSHIP: {
        "heading": _("Thank you for your application"),
        "text": _(
            "A moderator will review your application and contact you. Your profile is published "
            "only once it has been approved."
        ),
    },
}


def submission_view(request, *, form_class, template, context, record, thanks_url):
    """GET shows the form; POST validates it and calls `record(form)` once.

    Order of checks: the rate limit (429), the once-only token (a repeated
    POST of the same form goes to the confirmation without recording again),
    the honeypot (looks like success, records nothing), then validation. Only
    what is recorded, or caught by the honeypot, counts towards the limit.
    """
    if request.method == "POST":
        if not reserve_submission(request):
            return TemplateResponse(request, "429.html", {}, status=429)
        token = request.POST.get("form_token", "")
        valid_token = is_valid_token(token)
        if valid_token and not claim_token(token):
            release_submission(request)
            return redirect(thanks_url)
        form = form_class(request.POST, request.FILES)
        if form.is_spam:
            return redirect(thanks_url)
        if form.is_valid():
            try:
                record(form)
            except BaseException:
                # Nothing was stored (the service is atomic): let the same form be sent again.
                if valid_token:
                    release_token(token)
                release_submission(request)
                raise
            return redirect(thanks_url)
        if valid_token:
            release_token(token)
        release_submission(request)
    else:
        form = form_class()
    response = TemplateResponse(request, template, {**context, "form": form})
    add_never_cache_headers(response)
    return response


def submission_thanks(request, *, index, kind):
    """The confirmation page every public form redirects to; `index` is the page it came from."""
    response = TemplateResponse(
        request,
        "submissions/thanks.html",
        {"page": index, "self": index, "kind": kind, "back_url": index.url, **THANKS[kind]},
    )
    add_never_cache_headers(response)
    return response
