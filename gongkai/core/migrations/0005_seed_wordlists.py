from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.core.wordlists_seed import SENSITIVE_WORDS, WORDING_CORRECTIONS

    SensitiveWord = apps.get_model("core", "SensitiveWord")
    WordingCorrection = apps.get_model("core", "WordingCorrection")
    for word, severity, category in SENSITIVE_WORDS:
        SensitiveWord.objects.get_or_create(word=word, defaults={"severity": severity, "category": category})
    for wrong, right, note in WORDING_CORRECTIONS:
        WordingCorrection.objects.get_or_create(wrong=wrong, defaults={"right": right, "note": note})


class Migration(migrations.Migration):
    dependencies = [("core", "0004_wordlists")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
