"""Staff could not upload attachments in the admin: the upload permission had been granted as
disclosure.add_govdocument, but Wagtail checks documents against wagtaildocs.Document's permissions even with a custom
document model. Every group and collection that holds the former gets wagtaildocs' add_document and
choose_document (the stray grant is removed)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    wanted = list(Permission.objects.filter(content_type__app_label="wagtaildocs",
                                            codename__in=["add_document", "choose_document"]))  # fmt: skip
    if len(wanted) < 2:
        return  # a fresh database: permissions come after migrate, and there are no grants yet
    stray = GroupCollectionPermission.objects.filter(
        permission__content_type__app_label="disclosure", permission__codename="add_govdocument"
    )
    for grant in stray:
        for permission in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group_id=grant.group_id, collection_id=grant.collection_id, permission=permission
            )
    stray.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0003_column_kind"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
