"""The data stewards' review of directory entries: the two-step workflow, who
may do what at each step (editor, steward, moderator), approval held back by
unchecked personal-data findings, the page history, the "last reviewed" date
and the report of entries due for review."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from directory.models import DirectoryEntryPage
from home.models import PersonalDataFinding
from home.services import create_draft_for_moderation
from tests.factories import entry_page, news_page
from tests.html import soup_of
from tests.utils import edit_page, pass_data_review, refused, workflow_action

pytestmark = pytest.mark.django_db

COMMENT = "Say how the call records were aggregated before they left the operator."
REPORT = reverse("directory_entries_due_for_review")


def draft_entry(site_tree, editor, **fields):
    """A directory entry an editor has submitted: waiting at the stewards' step."""
    values = {"title": "Call records after the earthquake", "summary": "Aggregated call records by district."}
    values.update(fields)
    page = DirectoryEntryPage(**values)
    return create_draft_for_moderation(parent=site_tree["directory_index"], page=page, user=editor)


def current_task(page):
    page.refresh_from_db()
    return page.current_workflow_task.name if page.current_workflow_task else None


def log_actions(page):
    return list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk").values_list("action", flat=True))


def test_permission_matrix_of_the_two_steps(client, site_tree, editor, steward, moderator):
    page = draft_entry(site_tree, editor)
    assert current_task(page) == "Data responsibility review"

    # At the stewards' step neither the editor nor a moderator may approve; the editor may not reject.
    for user in (editor, moderator):
        client.force_login(user)
        assert refused(workflow_action(client, page, "approve"))
        assert current_task(page) == "Data responsibility review"
    client.force_login(editor)
    assert refused(workflow_action(client, page, "reject", comment="No"))
    assert current_task(page) == "Data responsibility review"

    # A steward opens the draft in the editor, sees Approve, and cannot publish it.
    client.force_login(steward)
    editor_html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-publish"' not in editor_html
    assert "Approve" in editor_html
    assert pass_data_review(client, page, steward)

    # At the moderators' step the steward may not approve, nor the editor.
    for user in (steward, editor):
        client.force_login(user)
        assert refused(workflow_action(client, page, "approve"))
        assert current_task(page) == "Moderators approval"
    client.force_login(steward)  # and the steward no longer has the draft open to edit
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))

    # A moderator approves the last step: the entry is live.
    client.force_login(moderator)
    assert workflow_action(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress


def test_a_steward_cannot_publish_or_unpublish_other_content(client, site_tree, steward):
    live_news = news_page(site_tree["news_index"], title="Alliance meets")
    live_entry = entry_page(site_tree["directory_index"], title="Live entry")
    client.force_login(steward)
    for page in (live_news, live_entry):
        assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
        assert refused(client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action-publish": "publish"}))
        assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])))
        page.refresh_from_db()
        assert page.live
    assert not live_news.permissions_for_user(steward).can_publish()
    assert not live_entry.permissions_for_user(steward).can_unpublish()


def test_a_moderator_may_turn_down_a_draft_at_the_stewards_step(client, site_tree, editor, moderator):
    page = draft_entry(site_tree, editor)
    client.force_login(moderator)
    assert workflow_action(client, page, "reject", comment="Spam.").status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    reject = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert reject.user == moderator and reject.data["workflow"]["task"]["title"] == "Data responsibility review"


def test_other_pages_keep_the_one_step_workflow(client, site_tree, editor, moderator):
    client.force_login(editor)
    page = news_page(site_tree["news_index"], title="News draft", live=False)
    assert edit_page(client, page, action="submit").status_code == 302
    assert current_task(page) == "Moderators approval"
    client.force_login(moderator)
    assert workflow_action(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live


def test_steward_requests_changes_with_a_comment_in_the_history(client, site_tree, editor, steward):
    page = draft_entry(site_tree, editor)
    client.force_login(steward)
    assert workflow_action(client, page, "reject", comment=COMMENT).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    reject = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert reject.user == steward and reject.data["comment"] == COMMENT
    assert reject.data["workflow"]["task"]["title"] == "Data responsibility review"

    client.force_login(editor)
    history = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, page.current_workflow_state.pk])
    )
    assert history.status_code == 200
    assert COMMENT in history.content.decode() and "Data responsibility review" in history.content.decode()


def test_unchecked_findings_hold_back_approval_until_checked(client, site_tree, editor, steward, moderator):
    page = draft_entry(site_tree, editor, summary="Aggregated call records. Questions: info@statistics-office.example.")
    finding = PersonalDataFinding.objects.get(page_id=page.pk)
    assert (finding.field, finding.kind) == ("Summary", "email")

    # The steward sees the banner with the matched text; Approve is not offered, and refused if posted.
    client.force_login(steward)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = response.content.decode()
    assert "1 possible e-mail address in Summary" in html and "info@statistics-office.example" in html
    assert reverse("hub_personal_data_findings", args=[page.pk]) in html
    offered = [name for name, _label, _modal in page.current_workflow_task.specific.get_actions(page, steward)]
    assert "approve" not in offered and "reject" in offered
    assert refused(workflow_action(client, page, "approve"))
    assert current_task(page) == "Data responsibility review"

    # The steward allows it: the statistics office's public address, listed as such.
    screen = reverse("hub_personal_data_findings", args=[page.pk])
    assert "info@statistics-office.example" in client.get(screen).content.decode()
    note = "The statistics office's public contact address, listed as such"
    assert client.post(screen, {"finding": finding.pk, "note": note}).status_code == 302
    finding.refresh_from_db()
    assert finding.checked_by == steward and finding.checked_at and finding.checked_note == note
    assert "possible e-mail" not in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    pass_data_review(client, page, steward)
    # The moderators' step rescans: the allowed address stays checked, so approval is open.
    client.force_login(moderator)
    assert workflow_action(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live

    actions = log_actions(page)
    assert actions.index("wagtail.workflow.start") < actions.index("hub.personal_data_checked")
    assert actions.index("hub.personal_data_checked") < actions.index("wagtail.workflow.approve")
    approvals = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").order_by("timestamp", "pk")
    assert [(entry.user, entry.data["workflow"]["task"]["title"]) for entry in approvals] == [
        (steward, "Data responsibility review"),
        (moderator, "Moderators approval"),
    ]
    assert actions.index("wagtail.workflow.approve") < actions.index("wagtail.publish")
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert f"Personal-data findings checked: e-mail address in Summary. Note: {note}" in history.replace("&#x27;", "'")


def test_last_reviewed_is_set_by_the_stewards_and_shown(client, site_tree, editor, steward, moderator):
    page = draft_entry(site_tree, editor)
    assert page.last_reviewed is None
    pass_data_review(client, page, steward)
    page.refresh_from_db()
    today = timezone.localdate()
    assert page.last_reviewed == today
    client.force_login(moderator)
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live and page.last_reviewed == today  # publishing the revision kept it

    client.logout()
    response = client.get(page.url)
    facts = soup_of(response).find("dt", string="Last reviewed").find_next_sibling("dd")
    assert facts.find("time")["datetime"] == today.isoformat()
    assert f"{today.day} {today:%B %Y}" in facts.get_text()
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["last_reviewed"] == today.isoformat()


def test_the_report_lists_entries_due_for_review(client, site_tree, editor, steward, moderator, settings):
    today = timezone.localdate()
    index = site_tree["directory_index"]
    stale = entry_page(index, title="Reviewed long ago", last_reviewed=today - datetime.timedelta(days=400))
    never = entry_page(index, title="Never reviewed")
    fresh = entry_page(index, title="Reviewed last week", last_reviewed=today - datetime.timedelta(days=7))

    for user in (steward, moderator):
        client.force_login(user)
        response = client.get(REPORT)
        assert response.status_code == 200
        html = response.content.decode()
        assert stale.title in html and never.title in html and fresh.title not in html
        assert html.index(never.title) < html.index(stale.title)  # never reviewed first, on both databases
        assert "Never" in html
    client.force_login(editor)
    assert refused(client.get(REPORT))
    assert "Entries due for review" not in client.get(reverse("wagtailadmin_home")).content.decode()

    settings.HUB_REVIEW_INTERVAL_MONTHS = 24
    client.force_login(steward)
    html = client.get(REPORT).content.decode()
    assert stale.title not in html and never.title in html
    csv = client.get(REPORT, {"export": "csv"})
    assert csv.status_code == 200 and never.title in b"".join(csv.streaming_content).decode()


def test_an_index_created_later_gets_the_entries_workflow(site_tree):
    from wagtail.models import WorkflowPage

    index = site_tree["directory_index"]
    assert WorkflowPage.objects.get(page=index).workflow.name == "Directory entry review"


def test_a_copied_entry_has_not_been_reviewed(site_tree):
    entry = entry_page(site_tree["directory_index"], title="Original", last_reviewed=datetime.date(2025, 3, 3))
    copy = entry.copy(update_attrs={"title": "Copy", "slug": "copy-of-original"})
    assert copy.specific.last_reviewed is None
