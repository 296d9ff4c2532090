"""Translations of this app's vocabularies are drafts in the moderation workflow:
the rights and the workflow (home/translations/vocabulary_rights.py)."""

from django.db import migrations

from home.translations.vocabulary_rights import moderate_vocabularies


def forwards(apps, schema_editor):
    moderate_vocabularies(apps, "home", ["topic"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0012_vocabulary_drafts"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
