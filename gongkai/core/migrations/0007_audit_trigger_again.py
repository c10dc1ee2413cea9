"""SQLite rebuilds the audit table to add a column (0006), which drops its triggers: put the guard back."""

from django.db import migrations



def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS core_auditrecord_no_update;")
    schema_editor.execute(
        """CREATE TRIGGER core_auditrecord_no_update BEFORE UPDATE ON core_auditrecord
           BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"""
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0006_audit_chains")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
