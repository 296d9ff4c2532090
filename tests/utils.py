"""Helpers that drive the Wagtail admin over HTTP as an editor's browser would."""

import re

from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html


def editor_form_data(client, url, **changes):
    """The page editor's form at `url`, as the browser would post it, with `changes`."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # StreamFields are drawn by JavaScript; a browser posts an empty one as a zero count.
    # (Enough for these tests, whose pages have empty streams.)
    for name in re.findall(r'<div id="([\w-]+)" data-block data-controller="w-block"', html):
        data.setdefault(f"{name}-count", "0")
    for name, value in changes.items():
        data[name] = value
    return data


def add_page(client, parent, model, **fields):
    """POST the 'add page' form for `model` ('app.Model') under `parent`."""
    app_label, model_name = model.lower().split(".")
    url = reverse("wagtailadmin_pages:add", args=[app_label, model_name, parent.pk])
    data = editor_form_data(client, url, **fields)
    return client.post(url, data)


def edit_page(client, page, *, action=None, **fields):
    """POST the page editor; `action` is 'submit', 'publish' or None (save a draft)."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = editor_form_data(client, url, **fields)
    if action:
        data[f"action-{action}"] = action
    return client.post(url, data)


def workflow_action(client, page, action, *, comment=None):
    """POST a moderation action ('approve' or 'reject') on the page's current task."""
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is not in moderation"
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    data = {"comment": comment} if comment is not None else {}
    return client.post(url, data)


def pass_data_review(client, page, steward):
    """A data steward approves the first step of a directory entry's workflow
    ("Data responsibility review"); the moderators' approval comes next."""
    client.force_login(steward)
    response = workflow_action(client, page, "approve")
    assert response.status_code == 302, response.status_code
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Moderators approval"
    return response


def refused(response):
    """The admin's answer to a permission refused: back to the dashboard (Wagtail turns
    PermissionDenied into a redirect with "Sorry, you do not have permission")."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")
