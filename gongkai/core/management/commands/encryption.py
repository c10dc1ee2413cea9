from django.core.management.base import BaseCommand
from django.db import connection, transaction

from gongkai.core import crypto


class Command(BaseCommand):
    help = (
        "个人信息加密：rotate 用最新密钥（GONGKAI_DATA_KEY 的第一个）重新加密全部已加密字段，完成后可移除旧密钥；"
        "check 统计仍为明文的字段值。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rotate", "check"])

    def handle(self, *args, action, **options):
        if action == "rotate":
            for model, names in crypto.encrypted_fields():
                with transaction.atomic():
                    changed = crypto.reencrypt_rows(model, names, transform=crypto.rotate)
                self.stdout.write(f"{model._meta.label}：{changed} 行已用新密钥重新加密")
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
        self.stdout.write(
            "全部个人信息字段均已加密。" if not plain else f"共 {plain} 个明文值，请运行 migrate。"
        )
