"""Submission now belongs to home (home/migrations/0006_submissions_move_to_home_with_safeguard_tables),
which renamed its table and kept every row: drop it from directory's state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_collaborative_type_not_stated"),
        ("home", "0006_submissions_move_to_home_with_safeguard_tables"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Submission")]),
    ]
