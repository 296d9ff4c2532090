"""The Data stewards group and the two-step workflow of directory entries
(DESIGN.md section 2; issue 13).

- `Data stewards`: admin access and read access to the vocabularies, nothing
  on pages. They open a directory entry in the editor only while it waits at
  their step (Wagtail's GroupApprovalTask.user_can_access_editor), so they can
  approve it or request changes with a comment, and never publish or
  unpublish anything.
- The moderators' "Moderators approval" task becomes a PersonalDataCheckTask
  in place (same row, same id), so drafts already waiting at it keep waiting
  there and the site-wide "Moderation" workflow keeps working unchanged.
- "Directory entry review": "Data responsibility review" (Data stewards),
  then "Moderators approval". Attached to the directory index if there is one;
  an index created later gets it from directory/stewardship.py.

Idempotent, like 0002_editorial_roles_and_workflow.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STEWARDS_GROUP = "Data stewards"
MODERATORS_TASK = "Moderators approval"
STEWARDS_TASK = "Data responsibility review"
ENTRY_WORKFLOW = "Directory entry review"

TAXONOMY_MODELS = [
    ("home", "topic"),
    ("directory", "datasource"),
    ("directory", "method"),
    ("directory", "valueproposition"),
    ("directory", "collaborativetype"),
    ("directory", "region"),
    ("directory", "priorityquestion"),
]


def _ensure_model_permissions(apps):
    for label in ["home", "directory"]:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def _check_task(apps, *, name, content_type):
    """The PersonalDataCheckTask called `name`: the existing group approval task turned into one, or a new one."""
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    CheckTask = apps.get_model("home", "PersonalDataCheckTask")
    existing = CheckTask.objects.filter(name=name).first()
    if existing is not None:
        return existing
    plain = GroupApprovalTask.objects.filter(name=name).first()
    if plain is None:
        return CheckTask.objects.create(name=name, content_type=content_type, active=True)
    # Add the child row only (raw: the Task and GroupApprovalTask rows stay as they are).
    CheckTask(groupapprovaltask_ptr_id=plain.pk).save_base(raw=True)
    Task.objects.filter(pk=plain.pk).update(content_type=content_type, active=True)
    return CheckTask.objects.get(pk=plain.pk)


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    _ensure_model_permissions(apps)
    stewards, _ = Group.objects.get_or_create(name=STEWARDS_GROUP)
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    stewards.permissions.add(access_admin)
    for app_label, model in TAXONOMY_MODELS:
        stewards.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=f"view_{model}")
        )

    task_type, _ = ContentType.objects.get_or_create(app_label="home", model="personaldatachecktask")
    moderators_task = _check_task(apps, name=MODERATORS_TASK, content_type=task_type)
    moderators_task.groups.add(moderators)
    stewards_task = _check_task(apps, name=STEWARDS_TASK, content_type=task_type)
    stewards_task.groups.set([stewards])

    workflow, _ = Workflow.objects.get_or_create(name=ENTRY_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.filter(workflow=workflow).exclude(task_id__in=[stewards_task.pk, moderators_task.pk]).delete()
    for order, task in enumerate([stewards_task, moderators_task]):
        WorkflowTask.objects.update_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": order})

    index_type = ContentType.objects.filter(app_label="directory", model="directoryindexpage").first()
    for index in Page.objects.filter(content_type=index_type) if index_type else []:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def backwards(apps, schema_editor):
    # Groups and workflow history may be in use; leave them, as 0002 does.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_personal_data_scan_and_check_task"),
        ("directory", "0008_entry_last_reviewed"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
