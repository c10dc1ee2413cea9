"""The annual report's reminders (Art. 49 dates): one row per unit, year and kind, so the job sends each once."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0002_merge_parts"),
        ("org", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="AnnualReminder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField()),
                ("kind", models.CharField(max_length=20)),
                ("sent_at", models.DateTimeField()),
                (
                    "department",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="org.department",
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.site",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("department__isnull", False)),
                        fields=("year", "department", "kind"),
                        name="annual_remind_department_once",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("department__isnull", True)),
                        fields=("year", "site", "kind"),
                        name="annual_remind_government_once",
                    ),
                ],
            },
        ),
    ]
