# AccountSecurity and LoginFailure now belong to gongkai.accounts (its 0001 takes them over with their tables);
# core forgets them in Django's state only. The tables and their rows stay as they are.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_audit_anchor_retention"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AccountSecurity"),
                migrations.DeleteModel(name="LoginFailure"),
            ],
            database_operations=[],
        ),
    ]
