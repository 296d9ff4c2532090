"""Public submissions move from the directory app to home (home/submissions/),
keeping every row, and the submission safeguards get their tables.

The table is not rebuilt: home takes the model over in Django's state under
the old table name, then renames the table, so rows, ids and the link to each
draft page stay as they are. The content type row is relabelled rather than
replaced, so the Moderators' permissions (0002_editorial_roles_and_workflow)
and any admin log entries follow the model. directory's
0004_submission_moved_to_home drops the model from directory's state only.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _relabel_content_type(apps, schema_editor, *, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    moved = ContentType.objects.filter(app_label=source, model="submission").values_list("pk", flat=True).first()
    if moved is None:
        return
    early = ContentType.objects.filter(app_label=target, model="submission").values_list("pk", flat=True).first()
    if early is not None:
        # A row for the new label made before this migration ran (get_for_model,
        # or a post_migrate of a partial plan): nobody was granted its
        # permissions, so the moved row, with the Moderators' grants, replaces it.
        # Plain SQL: the collector of a historical model would follow every
        # generic relation of every app.
        Permission = apps.get_model("auth", "Permission")
        User = apps.get_model(settings.AUTH_USER_MODEL)
        grants = [
            apps.get_model("auth", "Group")._meta.get_field("permissions").remote_field.through._meta.db_table,
            User._meta.get_field("user_permissions").remote_field.through._meta.db_table,
        ]
        permissions = Permission._meta.db_table
        with schema_editor.connection.cursor() as cursor:
            for table in grants:
                cursor.execute(
                    f"DELETE FROM {table} WHERE permission_id IN "  # noqa: S608 - table names from models
                    f"(SELECT id FROM {permissions} WHERE content_type_id = %s)",
                    [early],
                )
            cursor.execute(f"DELETE FROM {permissions} WHERE content_type_id = %s", [early])  # noqa: S608
            cursor.execute(f"DELETE FROM {ContentType._meta.db_table} WHERE id = %s", [early])  # noqa: S608
    ContentType.objects.filter(pk=moved).update(app_label=target)


def forwards(apps, schema_editor):
    _relabel_content_type(apps, schema_editor, source="directory", target="home")


def backwards(apps, schema_editor):
    _relabel_content_type(apps, schema_editor, source="home", target="directory")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_featured_and_related_links_to_pages"),
        ("directory", "0003_collaborative_type_not_stated"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Submission",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("entry", "Directory entry"),
                                    ("event", "Event"),
                                    ("membership", "Membership application"),
                                ],
                                max_length=12,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("new", "New"),
                                    ("in_review", "In review"),
                                    ("published", "Published"),
                                    ("rejected", "Rejected"),
                                ],
                                default="new",
                                max_length=12,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "submitter_name",
                            models.CharField(blank=True, max_length=200, verbose_name="submitter's name"),
                        ),
                        (
                            "submitter_email",
                            models.EmailField(blank=True, max_length=254, verbose_name="submitter's e-mail"),
                        ),
                        (
                            "submitter_organisation",
                            models.CharField(blank=True, max_length=255, verbose_name="submitter's organisation"),
                        ),
                        ("message", models.TextField(blank=True, verbose_name="message to moderators")),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="received")),
                        (
                            "personal_data_erased_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="personal data erased"),
                        ),
                        (
                            "page",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                                verbose_name="draft page",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "submission",
                        "verbose_name_plural": "submissions",
                        "ordering": ["-created_at", "-pk"],
                        "db_table": "directory_submission",
                    },
                ),
            ],
        ),
        # The default name, home_submission: renames the table in place.
        migrations.AlterModelTable(name="submission", table=None),
        migrations.RunPython(forwards, backwards),
        migrations.CreateModel(
            name="SubmissionRate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("client_address", models.CharField(max_length=100, unique=True)),
                ("window_start", models.DateTimeField(db_index=True)),
                ("count", models.PositiveIntegerField(default=0)),
            ],
            options={"verbose_name": "submission rate"},
        ),
        migrations.CreateModel(
            name="SubmissionToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32, unique=True)),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
            options={"verbose_name": "used form token"},
        ),
    ]
