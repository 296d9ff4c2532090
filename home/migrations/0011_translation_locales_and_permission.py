"""The content locales (English, French, Spanish, Arabic) and wagtail-localize's
"submit translation" permission for Editors and Moderators.

Every row that exists keeps its locale: the taxonomies and pages were created
in the default locale (English), which this migration only makes sure exists.
Idempotent, so a database that already has some of the locales keeps them.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)

    app_config = apps.get_app_config("wagtail_localize")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    submit = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if submit is None:
        return
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(submit)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0010_site_settings_data_licence"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
