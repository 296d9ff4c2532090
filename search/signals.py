"""Cached pages, search results, listings and facets key on a content version;
these receivers move it on whenever what the public may see changes."""

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.search_query import bump_content_version


def connect():
    page_published.connect(bump_content_version, dispatch_uid="hub-search-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="hub-search-unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid="hub-search-moved")
    post_save.connect(_on_save, dispatch_uid="hub-content-saved")
    post_delete.connect(_on_delete, dispatch_uid="hub-content-deleted")


# Saves that only record a draft, a lock or comments on a live page: the
# public page is unchanged until it is published (page_published bumps then).
DRAFT_BOOKKEEPING_FIELDS = {
    "wagtail_admin_comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
}


# Image fields Wagtail fills in on its own (e.g. get_file_hash), not shown anywhere.
IMAGE_BOOKKEEPING_FIELDS = {"file_hash", "file_size"}


def _shown_to_the_public():
    """Non-page models whose rows public pages print: vocabulary terms (facet
    labels, tags), priority questions, site settings (footer, social image),
    images (alt text, credit) and editors' search promotions. Not search query
    logs or renditions, which are written while pages are being served."""
    from directory.models import PriorityQuestion
    from home.models import Term

    return (Term, PriorityQuestion, BaseSiteSetting, BaseGenericSetting, AbstractImage, SearchPromotion)


def _on_save(sender, instance, created=False, update_fields=None, **kwargs):
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting, AbstractImage)):
        # A settings row is created with its defaults on first read (while a
        # page is served), and a new image shows nowhere until a page uses it.
        return
    if isinstance(instance, AbstractImage) and update_fields and set(update_fields) <= IMAGE_BOOKKEEPING_FIELDS:
        return
    if isinstance(instance, Page):
        if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS:
            return
        if instance.live:
            # A live page saved without publishing (e.g. by a data migration or
            # a script) changes what the public sees too.
            bump_content_version()
    elif isinstance(instance, (PageViewRestriction, *_shown_to_the_public())):
        bump_content_version()


def _on_delete(sender, instance, **kwargs):
    if isinstance(instance, (Page, PageViewRestriction, *_shown_to_the_public())):
        bump_content_version()
