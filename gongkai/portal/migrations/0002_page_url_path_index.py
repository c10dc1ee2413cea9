"""An index on Wagtail's wagtailcore_page.url_path, which HomePage.route looks pages up by (Wagtail itself walks
the tree by slug and has no such index)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS gongkai_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS gongkai_page_url_path",
        )
    ]
