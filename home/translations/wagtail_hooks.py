"""Registered from home/wagtail_hooks.py, ahead of wagtail-localize's own hooks
(home comes first in INSTALLED_APPS, and `order` makes sure)."""

from django.urls import path

from wagtail import hooks

from home.translations import moderation, vocabularies


@hooks.register("before_edit_page", order=-10)
def submit_translation_for_moderation(request, page):
    return moderation.before_edit_page(request, page)


@hooks.register("before_edit_snippet", order=-10)
def submit_term_translation_for_moderation(request, instance):
    return vocabularies.before_edit_snippet(request, instance)


@hooks.register("register_admin_urls", order=-10)
def drafts_only_update_translations():
    # The same addresses as wagtail-localize's "Update existing translations" and
    # "Translate" for snippets, matched first.
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            moderation.UpdateTranslationsDraftsOnlyView.as_view(),
            name="hub_update_translations",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            moderation.SubmitSnippetTranslationForEditorsOfTheModel.as_view(),
            name="hub_submit_snippet_translation",
        ),
    ]
