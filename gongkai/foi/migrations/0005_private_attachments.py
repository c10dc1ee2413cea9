"""Applicants' materials (ID copies, licences) leave MEDIA_ROOT, which nginx served to anyone under /media/, for
the private storage, under random names (issue 18). Reversible: going back copies them into MEDIA_ROOT again."""

from django.db import migrations, models

import gongkai.core.privatefiles
import gongkai.foi.models


def to_private(apps, schema_editor):
    gongkai.core.privatefiles.move_stored_files(
        apps.get_model("foi", "Attachment"), "file", "foi/attachments"
    )


def to_media(apps, schema_editor):
    gongkai.core.privatefiles.move_stored_files(
        apps.get_model("foi", "Attachment"), "file", "foi/attachments", to_private=False
    )


class Migration(migrations.Migration):
    dependencies = [("foi", "0004_notices_and_released_files")]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                max_length=200,
                storage=gongkai.core.privatefiles.private_storage,
                upload_to=gongkai.foi.models.attachment_path,
                verbose_name="文件",
            ),
        ),
        migrations.RunPython(to_private, to_media, elidable=False),
    ]
