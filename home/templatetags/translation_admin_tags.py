"""The review panel above wagtail-localize's editor (home/templates/wagtail_localize/admin/edit_translation.html)."""

from django import template

from wagtail.models import Page

from home.translations.machine import unreviewed_machine_strings
from home.translations.moderation import SUBMIT_ACTION, may_submit
from home.translations.vocabularies import may_submit_snippet

register = template.Library()


@register.inclusion_tag("translations/review_panel.html", takes_context=True)
def translation_review(context, instance, translation):
    request = context["request"]
    if not isinstance(instance, Page):
        task = getattr(instance, "current_workflow_task", None)
        return {
            "request": request,
            # A term's machine strings are unreviewed until its translation is published, as a page's.
            "machine_count": unreviewed_machine_strings(instance).count() if hasattr(instance, "live") else 0,
            "in_moderation": task.name if task is not None else "",
            "can_submit": may_submit_snippet(request.user, instance),
            "submit_action": SUBMIT_ACTION,
            "of_what": "term",
        }
    task = instance.current_workflow_task
    return {
        "request": request,
        "machine_count": unreviewed_machine_strings(instance).count(),
        "in_moderation": task.name if task is not None else "",
        "can_submit": may_submit(request.user, instance),
        "submit_action": SUBMIT_ACTION,
    }
