"""The attachments of government information leave MEDIA_ROOT, which nginx served to anyone under /media/ (an item
still in review included), for GONGKAI_PRIVATE_ROOT/documents/, reached only through Wagtail's document view and
its publication check (models/documents.py). Same names; reversible: going back moves them into MEDIA_ROOT again."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import gongkai.disclosure.models.documents


def _move(apps, source, target):
    GovDocument = apps.get_model("disclosure", "GovDocument")
    for name in GovDocument.objects.exclude(file="").values_list("file", flat=True).iterator():
        old, new = Path(source) / name, Path(target) / name
        if old.is_file() and not new.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(old, new)


def out_of_media(apps, schema_editor):
    _move(apps, settings.MEDIA_ROOT, settings.GONGKAI_PRIVATE_ROOT)


def back_to_media(apps, schema_editor):
    _move(apps, settings.GONGKAI_PRIVATE_ROOT, settings.MEDIA_ROOT)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0006_standard_columns_and_absence"),
    ]

    operations = [
        migrations.AlterField(
            model_name="govdocument",
            name="file",
            field=models.FileField(
                storage=gongkai.disclosure.models.documents.document_storage,
                upload_to="documents",
                verbose_name="文件",
            ),
        ),
        migrations.RunPython(out_of_media, back_to_media, elidable=True),
    ]
