"""Encryption at rest, second part (issue 18 item 10): the applicant's description of the information sought is
encrypted like the personal fields (`EncryptedTextField`), its duplicate-check key becomes a keyed hash
(`crypto.blind_index`: an unkeyed SHA-256 of an encrypted text would let a copy of the database test guesses), and
the files in the private storage (ID copies, materials, released documents) are encrypted in place with the data
key. Reversible: going back decrypts the column and the files and restores the plain SHA-256 keys."""

import hashlib

from django.db import migrations

import gongkai.core.crypto
import gongkai.core.privatefiles
import gongkai.foi.models
from gongkai.core import crypto


def forward(apps, schema_editor):
    Application = apps.get_model("foi", "Application")
    crypto.reencrypt_rows(Application, ["description"], transform=crypto.encrypt)
    for pk, description in Application.objects.values_list("pk", "description").iterator():
        Application.objects.filter(pk=pk).update(text_key=gongkai.foi.models.text_key(description))
    for model in ("Attachment", "ReleasedFile"):
        gongkai.core.privatefiles.encrypt_stored_files(apps.get_model("foi", model), "file")


def backward(apps, schema_editor):
    Application = apps.get_model("foi", "Application")
    for pk, description in Application.objects.values_list("pk", "description").iterator():
        plain_key = hashlib.sha256("".join((description or "").split()).encode()).hexdigest()
        Application.objects.filter(pk=pk).update(text_key=plain_key)
    crypto.reencrypt_rows(Application, ["description"], transform=crypto.decrypt)
    for model in ("Attachment", "ReleasedFile"):
        gongkai.core.privatefiles.encrypt_stored_files(
            apps.get_model("foi", model), "file", transform="decrypt"
        )


class Migration(migrations.Migration):
    dependencies = [("foi", "0005_private_attachments")]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="description",
            field=gongkai.core.crypto.EncryptedTextField(verbose_name="所需信息描述"),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
