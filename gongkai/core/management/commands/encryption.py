from django.core.management.base import BaseCommand
from django.db import connection, transaction

from gongkai.core import crypto, privatefiles


def private_file_fields():
    """(model, field name) of every file field kept in the private storage (all encrypted at rest)."""
    from django.apps import apps

    return [
        (model, f.name)
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if getattr(f, "storage", None) is not None and isinstance(f.storage, privatefiles.PrivateStorage)
    ]


class Command(BaseCommand):
    help = (
        "个人信息加密：rotate 用最新密钥（GONGKAI_DATA_KEY 的第一个）重新加密全部已加密字段和非公开文件，"
        "完成后可移除旧密钥；check 统计仍为明文的字段值和文件。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rotate", "check"])

    def handle(self, *args, action, **options):
        if action == "rotate":
            for model, names in crypto.encrypted_fields():
                with transaction.atomic():
                    changed = crypto.reencrypt_rows(model, names, transform=crypto.rotate)
                self.stdout.write(f"{model._meta.label}：{changed} 行已用新密钥重新加密")
            for model, name in private_file_fields():
                changed = privatefiles.encrypt_stored_files(model, name, transform="rotate")
                self.stdout.write(f"{model._meta.label}.{name}：{changed} 个文件已用新密钥重新加密")
            return
        plain = 0
        for model, names in crypto.encrypted_fields():
            for name in names:
                column = model._meta.get_field(name).column
                with connection.cursor() as cursor:
                    q = connection.ops.quote_name
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {q(model._meta.db_table)} WHERE {q(column)} <> '' "  # noqa: S608
                        f"AND {q(column)} NOT LIKE 'gk1$%%'"
                    )
                    n = cursor.fetchone()[0]
                if n:
                    plain += n
                    self.stdout.write(f"{model._meta.label}.{name}：{n} 个明文值")
        storage = privatefiles.private_storage()
        for model, name in private_file_fields():
            n = sum(
                1
                for stored in model.objects.exclude(**{name: ""}).values_list(name, flat=True).iterator()
                if storage.exists(stored) and not storage.is_encrypted(stored)
            )
            if n:
                plain += n
                self.stdout.write(f"{model._meta.label}.{name}：{n} 个明文文件")
        self.stdout.write(
            "全部个人信息字段和非公开文件均已加密。"
            if not plain
            else f"共 {plain} 个明文值或文件，请运行 migrate。"
        )
