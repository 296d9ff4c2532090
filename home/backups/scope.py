"""Which models an archive holds, in which order, and what is kept out of it.

Models are found through the app registry, never by importing `events`,
`directory` or `search`: a model added to any app travels without a change
here. What stays out is named below with the reason; a model not named is
exported.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models

from wagtail.images.models import AbstractRendition

# Not in the archive, and why. Rebuilt ones are made again after an import.
LEFT_OUT = {
    "contenttypes.ContentType": "made by migrate; rows point at it by natural key",
    "auth.Permission": "made by migrate; rows point at it by natural key",
    "sessions.Session": "logins do not move house",
    "wagtailcore.ReferenceIndex": "rebuilt after the import (rebuild_references_index)",
    "wagtailsearch.IndexEntry": "rebuilt after the import (update_index)",
    "wagtailsearch.SQLiteFTSIndexEntry": "rebuilt after the import (update_index)",
    "home.PageEmbedding": "rebuilt after the import (embed_pages)",
    "wagtailcore.UploadedFile": "uploads an editor had not finished",
    "wagtailadmin.EditingSession": "who has a page open right now",
    "wagtailadmin.FormState": "unsaved admin form state",
    "django_tasks_database.DBTaskResult": "the task queue of this installation",
    "home.SubmissionToken": "once-only form tokens, kept for a day",
    "home.SubmissionRate": "submissions per client address: transient, and addresses are personal data",
}
LEFT_OUT_APPS = {
    "axes": "login attempts and client addresses of this installation",
}
# Credentials: in the archive only with --with-passwords, like password hashes.
CREDENTIALS = {"otp_totp.TOTPDevice", "otp_static.StaticDevice", "otp_static.StaticToken", "wagtailcore.APIToken"}

# Submitters' contact details (home/submissions/models.py) and what visitors
# typed into Wagtail forms: blanked unless --with-personal-data.
PERSONAL_DATA = {
    "home.Submission": {
        "submitter_name": "",
        "submitter_email": "",
        "submitter_organisation": "",
        "message": "",
    },
    "wagtailforms.FormSubmission": {"form_data": {}},
    # An address kept only until its confirmation link is sent (directory/confirmation/).
    "directory.ConfirmationRequest": {"recipient_email": ""},
}

# Rows that `migrate` itself creates (the tree root and Wagtail's welcome page,
# the default site and locale, the root and submissions collections, the
# editorial groups, their permissions, the moderation workflows with their
# personal-data check tasks and the vocabularies they moderate, and the data
# responsibility vocabularies). A database
# holding only these is empty; the archive's own rows replace them.
SEEDED_BY_MIGRATIONS = {
    "wagtailcore.Locale",
    "wagtailcore.Site",
    "wagtailcore.Page",
    "wagtailcore.Collection",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.CollectionViewRestriction_groups",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowTask",
    "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowContentType",
    "wagtailcore.Task",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.GroupApprovalTask_groups",
    "home.PersonalDataCheckTask",
    "directory.DataProtection",
    "directory.DataArrangement",
    "auth.Group",
    "auth.Group_permissions",
}
# Deeper than this, a page is content (the root is 1, the welcome page 2).
SEEDED_PAGE_DEPTH = 2


def stored_models():
    """Every concrete model with a table of its own, m2m tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def reason_left_out(model, with_passwords=False):
    label = model._meta.label
    if label in LEFT_OUT:
        return LEFT_OUT[label]
    if model._meta.app_label in LEFT_OUT_APPS:
        return LEFT_OUT_APPS[model._meta.app_label]
    if issubclass(model, AbstractRendition):
        return "renditions are made again on first view"
    if label in CREDENTIALS and not with_passwords:
        return "credentials: only with --with-passwords"
    return None


def exported_models(with_passwords=False):
    """The archive's models, each after its concrete parents (a page's base row
    before its specific row), otherwise in the registry's order."""
    chosen = [model for model in stored_models() if reason_left_out(model, with_passwords) is None]
    return sorted(chosen, key=lambda model: len(model._meta.get_parent_list()))


def file_fields(model):
    """The model's own file columns (images, documents, avatars): their files travel too."""
    return [field for field in model._meta.local_concrete_fields if isinstance(field, models.FileField)]


def make_private(label, fields, with_passwords=False, with_personal_data=False):
    """A row's fields as they go into the archive (changed in place)."""
    if label == get_user_model()._meta.label and not with_passwords and "password" in fields:
        # An unusable password: the account exists, signing in needs a reset.
        fields["password"] = make_password(None)
    if label in PERSONAL_DATA and not with_personal_data:
        fields.update({name: value for name, value in PERSONAL_DATA[label].items() if name in fields})
    return fields
