"""集约化 (docs/multisite.md): each entry records its site, so a site's search shows only its own entries. Existing
entries take the site of their department; the full-text structure is re-installed in case the engine rebuilt the
table (idempotent)."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    from gongkai.search import engine

    engine.install(schema_editor.connection)
    Department = apps.get_model("org", "Department")
    SearchEntry = apps.get_model("gongkai_search", "SearchEntry")
    for department_id, site_id in Department.objects.exclude(site=None).values_list("pk", "site_id"):
        SearchEntry.objects.filter(department_id=department_id).update(site_id=site_id)


class Migration(migrations.Migration):
    dependencies = [
        ("gongkai_search", "0002_fulltext"),
        ("org", "0002_department_site"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="site_id",
            field=models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name="网站编号"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
