"""Query secrets are stored as a keyed hash (issue 16 item 6, issue 20 item 6: gongkai.core.tracking).

Until now a case's secret was derived from its code, HMAC-SHA256(SECRET_KEY, "interaction:" + code), its first 10
hex digits upper-cased, and never stored. This migration stores, for every existing case, the hash of that very
secret, so every citizen's receipt keeps working unchanged; new cases get a random secret. The two formulas are
frozen here (not imported) so that the migration computes the same thing whenever it runs."""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models


def derived_secret(code):
    digest = hmac.new(settings.SECRET_KEY.encode(), f"interaction:{code}".encode(), hashlib.sha256).hexdigest()
    return digest[:10].upper()


def stored_hash(secret):
    # gongkai.core.tracking.hash_secret("interaction.secret", secret); the derived secret is already normalised
    return hmac.new(
        settings.SECRET_KEY.encode(), f"interaction.secret:{secret}".encode(), hashlib.sha256
    ).hexdigest()


def store_hashes(apps, schema_editor):
    Case = apps.get_model("interaction", "Case")
    batch = []
    for case in Case.objects.filter(secret_hash="").only("pk", "code").iterator(chunk_size=2000):
        case.secret_hash = stored_hash(derived_secret(case.code))
        batch.append(case)
        if len(batch) >= 2000:
            Case.objects.bulk_update(batch, ["secret_hash"])
            batch = []
    if batch:
        Case.objects.bulk_update(batch, ["secret_hash"])


class Migration(migrations.Migration):
    dependencies = [("interaction", "0005_private_attachments")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="secret_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="查询密码摘要"),
        ),
        # going back drops the column: the old code derives the secrets again, the same ones
        migrations.RunPython(store_hashes, migrations.RunPython.noop),
    ]
