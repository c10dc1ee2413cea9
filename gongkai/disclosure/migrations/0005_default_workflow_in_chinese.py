"""Wagtail's migrations create a workflow and a task named "Moderators approval" on the root page; staff saw it,
in English, in the workflow report's filter and on pages outside the disclosure catalog that inherit it. It is
renamed, not removed: pages that are not government information still rely on it."""

from django.db import migrations

ENGLISH, CHINESE = "Moderators approval", "默认审核"


def forwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=ENGLISH).update(name=CHINESE)
    apps.get_model("wagtailcore", "Task").objects.filter(name=ENGLISH).update(name=CHINESE)


def backwards(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=CHINESE).update(name=ENGLISH)
    apps.get_model("wagtailcore", "Task").objects.filter(name=CHINESE).update(name=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0004_document_permissions"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
