"""The engine-specific full-text structure: an FTS5 table with triggers on SQLite, a tsvector column with a
trigger and a GIN index on PostgreSQL (gongkai/search/engine.py). Each part runs only on its own engine."""

from django.db import migrations


def forwards(apps, schema_editor):
    from gongkai.search import engine

    engine.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from gongkai.search import engine

    engine.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
