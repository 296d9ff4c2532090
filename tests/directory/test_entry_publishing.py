"""Only the workflow publishes a directory entry: a moderator's "Publish" is
not offered, and a forged one only saves a draft, until the data stewards have
approved it; after the workflow an edit of the live entry goes back to review.
Superusers keep every right."""

from django.urls import reverse

import pytest

from directory.models import DirectoryEntryPage
from home.models import PersonalDataFinding
from home.services import create_draft_for_moderation
from tests.factories import news_page
from tests.utils import edit_page, pass_data_review, workflow_action

pytestmark = pytest.mark.django_db


def submitted_entry(site_tree, editor):
    page = DirectoryEntryPage(title="Call records after the earthquake", summary="Aggregated call records by district.")
    return create_draft_for_moderation(parent=site_tree["directory_index"], page=page, user=editor)


def publish_offered(client, page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return 'name="action-publish"' in html


def test_a_moderator_cannot_publish_an_entry_the_stewards_have_not_approved(client, site_tree, editor, moderator):
    page = submitted_entry(site_tree, editor)
    client.force_login(moderator)
    assert not publish_offered(client, page)
    assert edit_page(client, page, action="publish").status_code in (200, 302)
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name == "Data responsibility review"
    # Nor through the explorer's bulk action.
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{bulk}?id={page.pk}")
    page.refresh_from_db()
    assert not page.live
    # A news page is not concerned: the moderator publishes it directly.
    news = news_page(site_tree["news_index"], title="Published directly", live=False)
    assert publish_offered(client, news)


def test_after_the_stewards_step_the_moderator_publishes_and_a_later_edit_needs_review(
    client, site_tree, editor, steward, moderator
):
    page = submitted_entry(site_tree, editor)
    pass_data_review(client, page, steward)
    client.force_login(moderator)
    assert publish_offered(client, page)
    assert workflow_action(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live and page.last_reviewed is not None

    # The entry is live: a changed description is not published without a new review.
    assert not publish_offered(client, page)
    edit_page(client, page, action="publish", summary="Call records and a new claim nobody reviewed.")
    live = DirectoryEntryPage.objects.get(pk=page.pk)
    assert live.summary == "Aggregated call records by district."
    assert live.has_unpublished_changes


def test_unchecked_findings_hold_back_a_direct_publish(client, site_tree, editor, steward, moderator):
    page = submitted_entry(site_tree, editor)
    pass_data_review(client, page, steward)
    PersonalDataFinding.objects.create(page=page, field="Summary", kind="email", matched_text="jane@example.org")
    client.force_login(moderator)
    assert not publish_offered(client, page)
    edit_page(client, page, action="publish")
    page.refresh_from_db()
    assert not page.live


def test_a_superuser_may_publish_an_entry_directly(client, site_tree, editor, superuser):
    page = submitted_entry(site_tree, editor)
    client.force_login(superuser)
    assert publish_offered(client, page)
    assert edit_page(client, page, action="publish").status_code == 302
    page.refresh_from_db()
    assert page.live
