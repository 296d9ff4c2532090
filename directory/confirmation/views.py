"""The page a confirmation link opens: one revision of one draft entry, read-only,
with the two answers. Reached through DirectoryIndexPage's `confirm` route.

Whatever is wrong with a link (changed, expired, answered, the entry published
since) answers the same 404, which tells a guesser nothing. The page is drawn
as a preview (`request.is_preview`), so the entry template's cached fragments
neither serve the live page's content nor keep the draft's, and the page cache
and any cache in front never store it.
"""

from django import forms
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from directory.confirmation.links import expires_at, open_confirmation
from directory.confirmation.services import answer_confirmation
from directory.models import ConfirmationRequest


class ConfirmationAnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=ConfirmationRequest.Answer.choices)
    comment = forms.CharField(
        label=_("Your comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Needed when you ask for a change: what should be corrected, and how."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == ConfirmationRequest.Answer.CHANGE_REQUESTED and not cleaned.get("comment"):
            self.add_error("comment", _("Please say what should change."))
        return cleaned


def _private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is the key: no link followed from the page may carry it elsewhere.
    response["Referrer-Policy"] = "no-referrer"
    return response


def confirm_entry(request, *, index, token):
    confirmation = open_confirmation(token)
    if confirmation is None or not confirmation.page.path.startswith(index.path):
        raise Http404
    form = ConfirmationAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer_confirmation(
            confirmation=confirmation, answer=form.cleaned_data["answer"], comment=form.cleaned_data["comment"]
        )
        return _private(redirect(index.url + index.reverse_subpage("confirmation_thanks")))
    draft = confirmation.revision.as_object()
    request.is_preview = True
    context = draft.get_context(request)
    context.update(
        {
            "confirmation": confirmation,
            "confirmation_expires": expires_at(confirmation),
            "form": form,
            "directory_index": index,
        }
    )
    return _private(TemplateResponse(request, "directory/confirmation/review.html", context))


def confirmation_thanks(request, *, index):
    return _private(TemplateResponse(request, "directory/confirmation/thanks.html", {"page": index, "self": index}))
