"""Translations are drafts in the moderation workflow, like any page.

wagtail-localize's editor has one action, "Publish", which writes the
translated page and publishes it at once; its "Update translations" screen
also offers "Publish immediately". Here:

- a new translation of a live page starts as a draft
  (`WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`, hub/settings/translation.py);
- "Publish" stays with whoever may publish the page (Wagtail's own rule, and
  for directory entries `directory/entry_permissions.py`, which asks for the
  data stewards' review first): editors do not see it and are refused;
- the editor gets "Submit for moderation" (`submit_translation`): the
  translated strings become a new draft revision of the page and the page's
  workflow starts (or resumes after "needs changes"); a moderator's approval
  publishes it;
- syncing from the source never publishes: "Publish immediately" is removed
  from the update screen (`UpdateTranslationsDraftsOnlyView`);
- a vocabulary term is translated by editors as a draft in the same workflow
  (home/translations/vocabularies.py); starting one asks for the right to
  change that vocabulary (`SubmitSnippetTranslationForEditorsOfTheModel`),
  which editors and moderators hold for translations only.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.models import WorkflowState

from wagtail_localize.models import Translation
from wagtail_localize.views.submit_translations import SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView

SUBMIT_ACTION = "hub-submit-translation"


def translation_of(obj):
    """The enabled wagtail-localize translation whose target is `obj` (a page or a term), or None."""
    return (
        Translation.objects.filter(source__object_id=obj.translation_key, target_locale_id=obj.locale_id, enabled=True)
        .select_related("source", "target_locale")
        .first()
    )


def may_submit(user, page):
    """Whether `user` may send this translation to the moderators: they may edit
    the page, it has a workflow and it is not locked."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and page.has_workflow and not permissions.page_locked()


@transaction.atomic
def submit_translation(translation, obj, user):
    """The translation as a new draft revision of `obj` (a page or a vocabulary
    term), in its workflow. Returns `obj` read again."""
    translation.save_target(user=user, publish=False)
    model = getattr(obj, "specific_class", None) or type(obj)
    obj = model.objects.get(pk=obj.pk)
    state = obj.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    elif state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        obj.get_workflow().start(obj, user)
    # Already in moderation: the new draft is what the current step now reviews.
    return obj


def submit_and_redirect(request, translation, obj):
    """Handles the review panel's "Submit for moderation" for `obj`: submits, says so, reloads the editor."""
    try:
        submit_translation(translation, obj, request.user)
    except ValidationError:
        messages.error(request, _("The translation could not be saved: please correct it and submit it again."))
    else:
        messages.success(
            request,
            _("The %(language)s translation of '%(title)s' was submitted for moderation.")
            % {"language": translation.target_locale.get_display_name(), "title": str(obj)},
        )
    return redirect(request.get_full_path())


def before_edit_page(request, page):
    """The page editor's hook, ahead of wagtail-localize's: handles our submit button."""
    if request.method != "POST" or request.POST.get("action") != SUBMIT_ACTION:
        return None
    translation = translation_of(page)
    if translation is None:
        return None
    if not may_submit(request.user, page):
        raise PermissionDenied
    return submit_and_redirect(request, translation, page)


class DraftsOnlyUpdateForm(UpdateTranslationsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_translations", None)

    def clean(self):
        cleaned = super().clean()
        cleaned["publish_translations"] = False
        return cleaned


class UpdateTranslationsDraftsOnlyView(UpdateTranslationsView):
    """wagtail-localize's "Update existing translations", without "Publish
    immediately": the new source strings reach translators, and each translation
    goes live only through its own workflow."""

    def get_form(self):
        if self.request.method == "POST":
            return DraftsOnlyUpdateForm(self.request.POST)
        return DraftsOnlyUpdateForm()


class SubmitSnippetTranslationForEditorsOfTheModel(SubmitSnippetTranslationView):
    """wagtail-localize asks only for "submit translation"; translating a term
    also takes the right to change that vocabulary (its translations)."""

    def dispatch(self, request, *args, **kwargs):
        from django.contrib.auth import get_permission_codename

        from wagtail.snippets.models import get_snippet_models

        model = next(
            (
                m
                for m in get_snippet_models()
                if (m._meta.app_label, m._meta.model_name) == (kwargs["app_label"], kwargs["model_name"])
            ),
            None,
        )
        if model is not None:
            codename = get_permission_codename("change", model._meta)
            if not request.user.has_perm(f"{model._meta.app_label}.{codename}"):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
