"""Encryption at rest, second part (issue 18 item 10): the citizen's own text of a message or error report is
encrypted like the name and phone (`EncryptedTextField`; the board shows it masked, decrypted when read), and the
attachments in the private storage are encrypted in place with the data key. Reversible: going back decrypts both."""

from django.db import migrations

import gongkai.core.crypto
import gongkai.core.privatefiles
from gongkai.core import crypto


def forward(apps, schema_editor):
    Case = apps.get_model("interaction", "Case")
    crypto.reencrypt_rows(Case, ["content"], transform=crypto.encrypt)
    gongkai.core.privatefiles.encrypt_stored_files(Case, "attachment")


def backward(apps, schema_editor):
    Case = apps.get_model("interaction", "Case")
    crypto.reencrypt_rows(Case, ["content"], transform=crypto.decrypt)
    gongkai.core.privatefiles.encrypt_stored_files(Case, "attachment", transform="decrypt")


class Migration(migrations.Migration):
    dependencies = [("interaction", "0005_private_attachments")]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="content",
            field=gongkai.core.crypto.EncryptedTextField(verbose_name="内容"),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
