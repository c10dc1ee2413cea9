# The two account models moved here from core with their tables (core_accountsecurity, core_loginfailure, created
# by core 0008): this migration only tells Django's state that they now belong to this app; core 0010 removes them
# from core's state. The database is not touched, so an existing database keeps its rows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import gongkai.core.crypto


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0009_audit_anchor_retention"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AccountSecurity",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("password_changed_at", models.DateTimeField(blank=True, null=True, verbose_name="密码修改时间")),
                        ("totp_secret", gongkai.core.crypto.EncryptedTextField(blank=True, verbose_name="动态口令密钥")),
                        ("totp_confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="动态口令启用时间")),
                        ("totp_last_step", models.BigIntegerField(default=0, verbose_name="最近使用的口令时间片")),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="security",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="账号",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "账号安全状态",
                        "verbose_name_plural": "账号安全状态",
                        "default_permissions": (),
                        "db_table": "core_accountsecurity",
                    },
                ),
                migrations.CreateModel(
                    name="LoginFailure",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("username", models.CharField(max_length=150, verbose_name="账号")),
                        ("address", models.CharField(max_length=45, verbose_name="来源地址")),
                        ("at", models.DateTimeField(db_index=True, verbose_name="时间")),
                    ],
                    options={
                        "verbose_name": "登录失败记录",
                        "verbose_name_plural": "登录失败记录",
                        "default_permissions": (),
                        "db_table": "core_loginfailure",
                        "indexes": [
                            models.Index(fields=["username", "at"], name="core_loginfail_user_at"),
                            models.Index(fields=["address", "at"], name="core_loginfail_addr_at"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
