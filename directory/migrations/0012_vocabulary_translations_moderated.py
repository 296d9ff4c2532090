"""Translations of this app's vocabularies are drafts in the moderation workflow:
the rights and the workflow (home/translations/vocabulary_rights.py)."""

from django.db import migrations

from home.translations.vocabulary_rights import moderate_vocabularies


def forwards(apps, schema_editor):
    moderate_vocabularies(apps, "directory", ["datasource", "method", "valueproposition", "collaborativetype", "region", "dataprotection", "dataarrangement", "priorityquestion"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0011_vocabulary_drafts"),
        ("home", "0002_editorial_roles_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
