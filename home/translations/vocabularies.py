"""Vocabulary terms (snippets) translated as drafts and moderated like pages.

A term has drafts, revisions and the site's moderation workflow
(home.models.taxonomy.Term). Who does what:

- the vocabularies themselves, in the site's own language, stay with the
  administrators (superusers): an editor or a moderator may open only a
  translation, never the English term;
- an editor starts a translation from the term's "Translate" action, types it
  in wagtail-localize's editor and presses "Submit for moderation"
  (`home.translations.moderation.submit_translation`, as for pages): the strings become a draft revision of the
  translated term and the "Moderation" workflow starts; the editor cannot
  publish (no `publish_` permission, and wagtail-localize refuses);
- a moderator approves it from the dashboard (the workflow's task publishes
  the revision), or publishes it from the editor;
- until then visitors, the forms, the facets and the exports read only live
  terms (`Term.objects.live()`), so they show the English term, never a draft.
"""

from django.core.exceptions import PermissionDenied

from wagtail.models import Locale, WorkflowMixin

from home.translations.moderation import SUBMIT_ACTION, submit_and_redirect, translation_of


def is_source_language(instance):
    return instance.locale_id == Locale.get_default().pk


def may_submit_snippet(user, instance):
    """Whether `user` may send this term's translation to the moderators."""
    from django.contrib.auth import get_permission_codename

    if not isinstance(instance, WorkflowMixin) or instance.get_workflow() is None:
        return False
    codename = get_permission_codename("change", instance._meta)
    return user.has_perm(f"{instance._meta.app_label}.{codename}")


def before_edit_snippet(request, instance):
    """The snippet editor's hook, ahead of wagtail-localize's: the English term is
    the administrators'; a translation's "Submit for moderation" is handled here."""
    if not hasattr(instance, "translation_key"):
        return None
    if not request.user.is_superuser and is_source_language(instance):
        raise PermissionDenied
    if request.method != "POST" or request.POST.get("action") != SUBMIT_ACTION:
        return None
    translation = translation_of(instance)
    if translation is None:
        return None
    if not may_submit_snippet(request.user, instance):
        raise PermissionDenied
    return submit_and_redirect(request, translation, instance)
