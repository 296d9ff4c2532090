"""Cached search results, listings and facets key on a content version; these
receivers move it on whenever what the public may see changes."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.search_query import bump_content_version


def connect():
    page_published.connect(bump_content_version, dispatch_uid="hub-search-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="hub-search-unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid="hub-search-moved")
    post_delete.connect(_on_page_delete, dispatch_uid="hub-search-deleted")
    for signal in (post_save, post_delete):
        signal.connect(bump_content_version, sender=PageViewRestriction, dispatch_uid=f"hub-search-privacy-{signal}")
    # Vocabulary terms change facet labels.
    post_save.connect(_on_term_save, dispatch_uid="hub-search-terms")


def _on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()


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


def _on_term_save(sender, instance, update_fields=None, **kwargs):
    from home.models import Term

    if isinstance(instance, Page) and update_fields and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS:
        return
    if isinstance(instance, Term) or isinstance(instance, Page) and instance.live:
        # A live page saved without publishing (e.g. by a data migration or
        # a script) changes what the public sees too.
        bump_content_version()
