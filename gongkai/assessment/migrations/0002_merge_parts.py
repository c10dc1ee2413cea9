"""The indicators, the annual report and the site health monitor were built side by side, each with its own first
migration; this joins them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0001_initial"),
        ("assessment", "0001_annual"),
        ("assessment", "0001_health"),
    ]

    operations = []
