"""Every change a visitor could see moves the content version on.

A deny-list: any save, delete or many-to-many change of any model bumps the
version, except the bookkeeping below, which no visitor can see. A model
added later therefore empties the caches too often rather than leaving them
stale. Models are named by label so `home` needs no other app.
"""

from functools import cache as memoize

from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from modelcluster.fields import ParentalKey

from home.caching.frontend import schedule_purge
from home.caching.version import bump_content_version

# Rows written while pages are served, or read only by staff and the system.
BOOKKEEPING_APPS = {
    "admin",  # Django admin log
    "auth",  # users (last_login on every login), groups, permissions
    "axes",  # login attempts
    "contenttypes",
    "django_otp",
    "otp_email",
    "otp_hotp",
    "otp_static",
    "otp_totp",
    "django_tasks_database",  # task results
    "sessions",
    "wagtail_localize",  # translation memory: pages change only through save_target, which publishes or saves a draft
    "wagtailadmin",  # editing sessions (pinged while a page is open), form states
    "wagtailembeds",  # oEmbed answers fetched while a page renders
    "wagtailusers",  # admin preferences
}
BOOKKEEPING_MODELS = {
    "wagtailimages.AbstractRendition",  # made on first view of an image size
    "wagtailsearchpromotions.Query",  # one hit per search
    "wagtailsearchpromotions.QueryDailyHits",
    "wagtailcore.Revision",  # drafts; a publish says so through page_published
    "wagtailcore.BaseLogEntry",
    "wagtailcore.WorkflowState",
    "wagtailcore.TaskState",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowTask",
    "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowContentType",
    "wagtailcore.Task",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.PageSubscription",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.UploadedFile",
    "wagtailcore.APIToken",
    "wagtailcore.Collection",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.GroupSitePermission",
    "wagtailforms.AbstractFormSubmission",
    # Public submissions are private (home.Submission after the move).
    "home.Submission",
    # The submission safeguards: a used form token, a count per client address.
    "home.SubmissionToken",
    "home.SubmissionRate",
    # Links sent to credited organisations to confirm a draft entry: never public.
    "directory.ConfirmationRequest",
    # The personal-data scan's findings: seen by reviewers only.
    "home.PersonalDataFinding",
}
# Saves that only record a draft, a lock or comments on a live page or
# snippet: what the public sees is unchanged until it is published.
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
# Filled in by Wagtail on its own (e.g. get_file_hash), shown nowhere.
FILE_BOOKKEEPING_FIELDS = {"file_hash", "file_size"}
# Created with defaults on first read (while a page is served), or shown
# nowhere until a published page uses them.
QUIET_WHEN_CREATED = {
    "wagtailsettings.BaseSiteSetting",
    "wagtailsettings.BaseGenericSetting",
    "wagtailimages.AbstractImage",
    "wagtaildocs.AbstractDocument",
}


def content_changed(**kwargs):
    """The version moves on and, once committed, the caches in front are purged whole."""
    bump_content_version()
    schedule_purge()


def connect():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"hub-content-{id(signal)}")
    post_save.connect(_on_save, dispatch_uid="hub-content-saved")
    post_delete.connect(_on_delete, dispatch_uid="hub-content-deleted")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="hub-content-m2m")


@memoize
def _labels(model):
    return frozenset(klass._meta.label for klass in model.__mro__ if hasattr(klass, "_meta"))


@memoize
def is_bookkeeping(model):
    """True for models no visitor can see, whose writes leave the caches alone."""
    return model._meta.app_label in BOOKKEEPING_APPS or bool(_labels(model) & BOOKKEEPING_MODELS)


def _is_unpublished_draft(instance):
    # Pages and snippets with a draft state: unpublishing sends its own signal.
    return getattr(instance, "live", True) is False and hasattr(instance, "has_unpublished_changes")


@memoize
def _parental_keys(model):
    return tuple(field for field in model._meta.concrete_fields if isinstance(field, ParentalKey))


def _belongs_to_a_draft(instance):
    """Inline rows (countries, organisations...) of a page nobody may see yet."""
    return any(_is_unpublished_draft(getattr(instance, field.name)) for field in _parental_keys(type(instance)))


def _on_save(sender, instance, created=False, update_fields=None, **kwargs):
    model = type(instance)
    if is_bookkeeping(model) or _is_unpublished_draft(instance) or _belongs_to_a_draft(instance):
        return
    if created and _labels(model) & QUIET_WHEN_CREATED:
        return
    if update_fields and (
        set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS or set(update_fields) <= FILE_BOOKKEEPING_FIELDS
    ):
        return
    content_changed()


def _on_delete(sender, instance, **kwargs):
    if not is_bookkeeping(type(instance)):
        content_changed()


def _on_m2m_changed(sender, instance, action, model=None, **kwargs):
    if not action.startswith("post_"):
        return
    if is_bookkeeping(type(instance)) or (model is not None and is_bookkeeping(model)):
        return
    if _is_unpublished_draft(instance):
        return
    content_changed()
