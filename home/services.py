"""Business actions shared by every app: drafts for moderation.

Public submissions (their images and e-mails) are in home/submissions/services.py."""

from django.utils.text import slugify

from wagtail.coreutils import find_available_slug
from wagtail.models import Page

MODERATORS_GROUP = "Moderators"
EDITORS_GROUP = "Editors"
STEWARDS_GROUP = "Data stewards"


def create_draft_for_moderation(*, parent: Page, page: Page, user=None) -> Page:
    """Add `page` under `parent` as a draft, save its first revision and start the
    moderation workflow that applies there. The page is never live."""
    page.live = False
    page.has_unpublished_changes = True
    if not page.slug:
        page.slug = find_available_slug(parent, slugify(page.title)[:80] or "untitled")
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return page
