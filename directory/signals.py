"""Receivers for the data stewards' review; each calls directory/stewardship.py."""

from django.db.models.signals import post_save

from wagtail.models import Page
from wagtail.signals import task_approved

from directory.stewardship import attach_entry_review_workflow, is_stewards_task, record_data_review


def on_index_created(sender, instance, created, raw=False, **kwargs):
    # raw: a fixture or a restored backup, which brings its own WorkflowPage rows.
    if created and not raw:
        attach_entry_review_workflow(index=instance)


def on_task_approved(sender, instance, **kwargs):
    page = instance.workflow_state.content_object
    if isinstance(page, Page) and is_stewards_task(instance.task):
        record_data_review(page=page)


def connect_receivers():
    from directory.models import DirectoryIndexPage

    post_save.connect(on_index_created, sender=DirectoryIndexPage, dispatch_uid="hub_attach_entry_workflow")
    task_approved.connect(on_task_approved, dispatch_uid="hub_record_data_review")
