from django.db import migrations


def forwards(apps, schema_editor):
    from gongkai.interaction.seed import seed

    seed(apps.get_model("interaction", "Category"), apps.get_model("org", "Department"),
         apps.get_model("interaction", "KeywordRule"))


class Migration(migrations.Migration):
    dependencies = [("interaction", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
