"""Citizens' attachments to messages and error reports leave MEDIA_ROOT, which nginx served to anyone under
/media/interaction/<month>/<public case code>.<ext>, for the private storage under random names (issue 18).
Reversible: going back copies them into MEDIA_ROOT again (under their random names)."""

from django.db import migrations, models

import gongkai.core.privatefiles
import gongkai.interaction.models


def to_private(apps, schema_editor):
    gongkai.core.privatefiles.move_stored_files(
        apps.get_model("interaction", "Case"), "attachment", "interaction"
    )


def to_media(apps, schema_editor):
    gongkai.core.privatefiles.move_stored_files(
        apps.get_model("interaction", "Case"), "attachment", "interaction", to_private=False
    )


class Migration(migrations.Migration):
    dependencies = [("interaction", "0004_merge_site_and_encryption")]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="attachment",
            field=models.FileField(
                blank=True,
                max_length=200,
                storage=gongkai.core.privatefiles.private_storage,
                upload_to=gongkai.interaction.models.attachment_path,
                verbose_name="附件",
            ),
        ),
        migrations.RunPython(to_private, to_media, elidable=False),
    ]
