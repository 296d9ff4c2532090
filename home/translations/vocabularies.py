"""Vocabulary terms (snippets) translated as drafts and moderated like pages.

A term has drafts, revisions and the site's moderation workflow
(home.models.taxonomy.Term). Who does what:

- the vocabularies themselves, in the site's own language, stay with the
  administrators (superusers): an editor or a moderator may open only a
  translation, never the English term;
- an editor starts a translation from the term's "Translate" action, types it
  in wagtail-localize's editor and presses "Submit for moderation"
  (`submit_snippet_translation`): the strings become a draft revision of the
  translated term and the "Moderation" workflow starts; the editor cannot
  publish (no `publish_` permission, and wagtail-localize refuses);
- a moderator approves it from the dashboard (the workflow's task publishes
  the revision), or publishes it from the editor;
- until then visitors, the forms, the facets and the exports read only live
  terms (`Term.objects.live()`), so they show the English term, never a draft.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.models import Locale, WorkflowMixin, WorkflowState

from wagtail_localize.models import Translation


def translation_of_snippet(instance):
    """The enabled wagtail-localize translation whose target is `instance`, or None."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def is_source_language(instance):
    return instance.locale_id == Locale.get_default().pk


def may_submit_snippet(user, instance):
    """Whether `user` may send this term's translation to the moderators."""
    from django.contrib.auth import get_permission_codename

    if not isinstance(instance, WorkflowMixin) or instance.get_workflow() is None:
        return False
    codename = get_permission_codename("change", instance._meta)
    return user.has_perm(f"{instance._meta.app_label}.{codename}")


@transaction.atomic
def submit_snippet_translation(translation, instance, user):
    """The translation as a new draft revision of `instance`, in its workflow."""
    translation.save_target(user=user, publish=False)
    instance = type(instance).objects.get(pk=instance.pk)
    state = instance.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    elif state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        instance.get_workflow().start(instance, user)
    return instance


def before_edit_snippet(request, instance, submit_action):
    """The snippet editor's hook, ahead of wagtail-localize's: the English term is
    the administrators'; a translation's "Submit for moderation" is handled here."""
    if not hasattr(instance, "translation_key"):
        return None
    if not request.user.is_superuser and is_source_language(instance):
        raise PermissionDenied
    if request.method != "POST" or request.POST.get("action") != submit_action:
        return None
    translation = translation_of_snippet(instance)
    if translation is None:
        return None
    if not may_submit_snippet(request.user, instance):
        raise PermissionDenied
    try:
        submit_snippet_translation(translation, instance, request.user)
    except ValidationError:
        messages.error(request, _("The translation could not be saved: please correct it and submit it again."))
    else:
        messages.success(
            request,
            _("The %(language)s translation of '%(title)s' was submitted for moderation.")
            % {"language": translation.target_locale.get_display_name(), "title": str(instance)},
        )
    return redirect(request.get_full_path())
