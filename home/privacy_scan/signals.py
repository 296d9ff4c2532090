"""Scan a draft each time it reaches a review step (Wagtail's task_submitted):
staff drafts, resubmissions and public submissions alike. The receiver only
calls the service."""

from wagtail.models import Page
from wagtail.signals import task_submitted

from home.privacy_scan.services import scan_page


def on_task_submitted(sender, instance, **kwargs):
    page = instance.workflow_state.content_object
    if isinstance(page, Page):
        scan_page(page=page)


def connect_receivers():
    task_submitted.connect(on_task_submitted, dispatch_uid="hub_personal_data_scan")
