"""Images sent with a public submission are flagged, and the media view finds
the image of a requested original or rendition file through an index."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0002_editorial_roles_and_workflow'),
    ]

    operations = [
        migrations.AddField(
            model_name='hubimage',
            name='from_public_submission',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddIndex(
            model_name='hubimage',
            index=models.Index(fields=['file'], name='home_hubimage_file_idx'),
        ),
        migrations.AddIndex(
            model_name='hubrendition',
            index=models.Index(fields=['file'], name='home_hubrendition_file_idx'),
        ),
    ]
