from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.disclosure.seed import PILOT_AREAS, TOPICS

    Topic = apps.get_model("disclosure", "Topic")
    PilotArea = apps.get_model("disclosure", "PilotArea")
    for i, (name, children) in enumerate(TOPICS, start=1):
        root, _ = Topic.objects.get_or_create(name=name, parent=None, defaults={"sort_order": i})
        for j, child in enumerate(children, start=1):
            Topic.objects.get_or_create(name=child, parent=root, defaults={"sort_order": j})
    for i, name in enumerate(PILOT_AREAS, start=1):
        PilotArea.objects.get_or_create(name=name, defaults={"sort_order": i})


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
