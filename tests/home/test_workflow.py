"""The staff life cycle through the admin: draft, submit, reject with a comment,
revise, resubmit, approve; the e-mails, the page history and a mail outage."""

import logging

from django.core import mail
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from home.models import NewsPage
from tests.utils import add_page, edit_page, workflow_action

pytestmark = pytest.mark.django_db

COMMENT = "Please add the source of the figures."


def log_actions(page):
    return list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk").values_list("action", flat=True))


def test_staff_life_cycle(client, site_tree, editor, moderator, django_capture_on_commit_callbacks):
    news_index = site_tree["news_index"]

    # The editor writes a draft and submits it: the moderators are told.
    client.force_login(editor)
    response = add_page(
        client, news_index, "home.NewsPage", title="Alliance meets", slug="alliance-meets", date="2024-06-01", intro="A"
    )
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="alliance-meets")
    with django_capture_on_commit_callbacks(execute=True):
        assert edit_page(client, page, action="submit").status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress and not page.live
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert "Alliance meets" in mail.outbox[0].subject
    assert client.get("/news/alliance-meets/").status_code == 404

    # The moderator asks for changes with a comment: the editor is told, with the comment.
    mail.outbox.clear()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow_action(client, page, "reject", comment=COMMENT).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert COMMENT in mail.outbox[0].body

    # The editor sees the comment in the page's moderation history, revises and resubmits.
    client.force_login(editor)
    state = page.current_workflow_state
    history = client.get(reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]))
    assert history.status_code == 200
    assert COMMENT in history.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert edit_page(client, page, action="submit", intro="With sources now.").status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert [message.to for message in mail.outbox] == [[moderator.email]]

    # The moderator approves: the page is live with the revised text; the editor is told.
    mail.outbox.clear()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow_action(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress
    assert page.intro == "With sources now."
    assert [message.to for message in mail.outbox] == [[editor.email]]
    client.logout()
    response = client.get("/news/alliance-meets/")
    assert response.status_code == 200

    # Every moderation step is in Wagtail's page history, in order.
    actions = log_actions(page)
    for expected in ["wagtail.create", "wagtail.workflow.start", "wagtail.workflow.reject", "wagtail.workflow.resume"]:
        assert expected in actions
    assert actions.index("wagtail.workflow.start") < actions.index("wagtail.workflow.reject")
    assert actions.index("wagtail.workflow.reject") < actions.index("wagtail.workflow.resume")
    assert actions.index("wagtail.workflow.resume") < actions.index("wagtail.workflow.approve")
    assert actions.index("wagtail.workflow.approve") < actions.index("wagtail.publish")
    reject = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert reject.user == moderator
    assert reject.data["comment"] == COMMENT


def test_history_is_shown_in_the_admin(client, site_tree, editor, moderator):
    client.force_login(editor)
    add_page(
        client, site_tree["news_index"], "home.NewsPage", title="Logged", slug="logged", date="2024-06-01", intro="A"
    )
    page = NewsPage.objects.get(slug="logged")
    edit_page(client, page, action="submit")
    client.force_login(moderator)
    workflow_action(client, page, "approve")
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    actions = log_actions(page)
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish", "wagtail.unpublish"} <= set(
        actions
    )
    assert client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200
    page_history = client.get(reverse("wagtailadmin_pages:history_results", args=[page.pk]))
    assert page_history.status_code == 200
    text = page_history.content.decode()
    for label in ("&#x27;Moderation&#x27; started", "Approved at", "Published", "Unpublished"):
        assert label in text, label
    site_history = client.get(reverse("wagtailadmin_reports:site_history") + "?object_type=")
    assert site_history.status_code == 200
    assert "Logged" in site_history.content.decode()


def test_failing_mail_server_never_blocks_moderation(
    client, site_tree, editor, moderator, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingEmailBackend"
    client.force_login(editor)
    add_page(
        client, site_tree["news_index"], "home.NewsPage", title="Outage", slug="outage", date="2024-06-01", intro="A"
    )
    page = NewsPage.objects.get(slug="outage")
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        assert edit_page(client, page, action="submit").status_code == 302
        client.force_login(moderator)
        assert workflow_action(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live
    assert mail.outbox == []
    failures = [record for record in caplog.records if "notification" in record.getMessage().lower()]
    assert len(failures) >= 2, "both the submission and the approval notices were attempted and logged"
