"""Editorial roles and the site-wide moderation workflow (DESIGN.md section 2).

Editors write, preview and submit every page type and upload images and
documents; Moderators also approve, reject, publish and unpublish, and manage
public submissions. Page permissions sit on the root page and the workflow is
attached there too, so they apply to every site tree built later (the demo
loader and the test builders add the home page under the root).

Idempotent: Wagtail's own initial migrations already create both groups and a
"Moderators approval" workflow on a fresh database; this completes them
rather than duplicating them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "Moderation"
TASK_NAME = "Moderators approval"

# Wagtail 8 page permissions are auth Permissions on wagtailcore.Page.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ["publish_page", "unlock_page"]

# (app label, codename) granted on the root collection. Wagtail checks image
# permissions against wagtailimages.Image even with a custom image model.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]

# Taxonomies are read-only for both roles; administrators (superusers) edit them.
TAXONOMY_MODELS = [
    ("home", "topic"),
    ("directory", "datasource"),
    ("directory", "method"),
    ("directory", "valueproposition"),
    ("directory", "collaborativetype"),
    ("directory", "region"),
    ("directory", "priorityquestion"),
    ("events", "eventseries"),
]

SUBMISSION_PERMISSIONS = ["view_submission", "change_submission", "delete_submission"]


def _ensure_model_permissions(apps):
    """Model permissions are normally created after all migrations run; create
    them now (as Wagtail's own migrations do) so they can be granted here."""
    for label in ["wagtailcore", "wagtailimages", "wagtaildocs", "home", "directory", "events"]:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    _ensure_model_permissions(apps)

    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for group in (editors, moderators):
        group.permissions.add(access_admin)
        for app_label, model in TAXONOMY_MODELS:
            group.permissions.add(_permission(apps, app_label, f"view_{model}"))
    for codename in SUBMISSION_PERMISSIONS:
        moderators.permissions.add(_permission(apps, "directory", codename))

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:  # no page tree at all: nothing to attach to
        return
    for group, codenames in ((editors, EDITOR_PAGE_PERMISSIONS), (moderators, MODERATOR_PAGE_PERMISSIONS)):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_permission(apps, "wagtailcore", codename)
            )

    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for group in (editors, moderators):
            for app_label, codename in COLLECTION_PERMISSIONS:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, app_label, codename)
                )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.active = True
    task.save()
    task.groups.set([moderators])

    # Reuse the workflow Wagtail attached to the root on a fresh database, so there is only one.
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        attached = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
        workflow = attached.workflow if attached else Workflow(name=WORKFLOW_NAME)
    workflow.name = WORKFLOW_NAME
    workflow.active = True
    workflow.save()
    WorkflowTask.objects.filter(workflow=workflow).exclude(task_id=task.pk).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})

    # One workflow for the whole site: attached at the root, replacing Wagtail's default.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def backwards(apps, schema_editor):
    # Groups, permissions and workflow history may be in use; leave them, as Wagtail's own migrations do.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("directory", "0002_initial"),
        ("events", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
