"""The moderators' submissions inbox (wagtail-modeladmin): listing, filters,
search, links to the draft and its moderation, status kept in step with the
workflow, and erasing a submitter's personal data on request."""

from django.urls import reverse

import pytest

from directory.models import DirectoryEntryPage
from home.models import Submission
from home.submissions.services import record_submission
from tests.utils import pass_data_review, workflow_action

pytestmark = pytest.mark.django_db

INBOX = "/admin/home/submission/"


def submit_entry(index, title, *, email="someone@example.net", name="Sam Sender", organisation="Org"):
    return record_submission(
        kind=Submission.Kind.ENTRY,
        parent=index,
        page=DirectoryEntryPage(title=title, summary="A summary."),
        submitter_name=name,
        submitter_email=email,
        submitter_organisation=organisation,
        message="Please consider it.",
    )


@pytest.fixture
def submissions(site_tree):
    index = site_tree["directory_index"]
    return [
        submit_entry(index, "Call detail records in Senegal", email="first@example.net", name="Fatou First"),
        submit_entry(index, "Facebook advertising audiences", email="second@example.net", name="Sven Second"),
    ]


def test_inbox_lists_status_kind_date_and_submitter(client, moderator, submissions):
    client.force_login(moderator)
    response = client.get(INBOX)
    assert response.status_code == 200
    html = response.content.decode()
    for submission in submissions:
        assert submission.page.title in html
        assert reverse("wagtailadmin_pages:edit", args=[submission.page_id]) in html
        assert reverse("wagtailadmin_pages:workflow_history", args=[submission.page_id]) in html
    assert "In review" in html and "Directory entry" in html
    assert "Fatou First" in html and "Sven Second" in html


def test_inbox_filters_and_search(client, moderator, submissions):
    first, second = submissions
    client.force_login(moderator)
    workflow_action(client, second.page, "reject", comment="Out of scope.")

    rejected = client.get(INBOX, {"status__exact": "rejected"}).content.decode()
    assert "Facebook advertising audiences" in rejected and "Call detail records" not in rejected

    found = client.get(INBOX, {"q": "Fatou"}).content.decode()
    assert "Call detail records in Senegal" in found and "Facebook advertising" not in found

    by_title = client.get(INBOX, {"q": "Facebook"}).content.decode()
    assert "Facebook advertising audiences" in by_title and "Call detail records" not in by_title


def test_status_follows_the_moderation(client, steward, moderator, submissions):
    first, second = submissions
    assert first.status == Submission.Status.IN_REVIEW
    pass_data_review(client, first.page, steward)
    first.refresh_from_db()
    assert first.status == Submission.Status.IN_REVIEW
    client.force_login(moderator)
    workflow_action(client, first.page, "approve")
    workflow_action(client, second.page, "reject", comment="Not about migration.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Submission.Status.PUBLISHED
    assert second.status == Submission.Status.REJECTED


def test_inspect_shows_the_private_details_to_moderators(client, moderator, submissions):
    client.force_login(moderator)
    submission = submissions[0]
    response = client.get(reverse("home_submission_modeladmin_inspect", args=[submission.pk]))
    assert response.status_code == 200
    assert "first@example.net" in response.content.decode()


def test_moderator_erases_personal_data_and_keeps_the_page(client, moderator, submissions):
    submission = submissions[0]
    page_id = submission.page_id
    client.force_login(moderator)
    erase_url = reverse("home_submission_erase", args=[submission.pk])
    confirm = client.get(erase_url)
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    assert erase_url in client.get(INBOX).content.decode()

    response = client.post(erase_url)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.submitter_name, submission.submitter_email, submission.submitter_organisation) == ("", "", "")
    assert submission.message == "" and submission.personal_data_erased_at is not None
    assert submission.page_id == page_id and DirectoryEntryPage.objects.filter(pk=page_id).exists()
    html = client.get(INBOX).content.decode()
    assert "first@example.net" not in html and "Fatou First" not in html and "(erased)" in html


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_only_moderators_may_erase(client, role, editor, submissions):
    submission = submissions[0]
    if role == "editor":
        client.force_login(editor)
    response = client.post(reverse("home_submission_erase", args=[submission.pk]))
    assert response.status_code in (302, 403)
    submission.refresh_from_db()
    assert submission.submitter_email == "first@example.net"
