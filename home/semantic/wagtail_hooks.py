"""The "possible duplicate" banner on the editor of a public submission's draft,
for moderators, data stewards and administrators only (home/semantic/duplicates.py).
Registered through home/wagtail_hooks.py."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin import messages

from home.semantic.duplicates import possible_duplicates, user_can_see_duplicates


def is_pending_submission(page):
    from home.submissions.models import Submission

    return not page.live and Submission.objects.filter(page_id=page.pk).exists()


def duplicate_message(existing, score):
    return format_html(
        _("Possible duplicate of “{title}” (similarity {score}): compare them before approving."),
        title=existing.title,
        score=f"{score:.2f}",
    )


@hooks.register("before_edit_page")
def warn_about_duplicates(request, page):
    if request.method != "GET" or not is_pending_submission(page):
        return None
    if not user_can_see_duplicates(request.user, page):
        return None
    for existing, score in possible_duplicates(page):
        buttons = [messages.button(reverse("wagtailadmin_pages:edit", args=[existing.pk]), _("Edit it"))]
        live_url = existing.get_url(request=request)
        if live_url:
            buttons.insert(0, messages.button(live_url, _("View the live page"), new_window=True))
        messages.warning(request, duplicate_message(existing, score), buttons=buttons)
    return None
