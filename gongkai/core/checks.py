"""`gongkai check --deploy --database default`: production must not carry the demo logins (docs/deploy.md).

`gongkai demo` refuses to run in production; this check catches a database that was loaded in demo mode and then
put behind GONGKAI_ENV=production. It needs the database, so it runs only when --database is given.
"""

import importlib

from django.apps import apps
from django.core import checks


def demo_usernames():
    names = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        for attr in ("ACCOUNTS", "EXTRA_STAFF"):
            names.update(row[0] for row in getattr(module, attr, ()))
    return names


@checks.register(checks.Tags.security, deploy=True)
def no_demo_accounts(app_configs=None, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    from django.contrib.auth import get_user_model

    from gongkai.org.demo import DEMO_PASSWORD

    users = get_user_model().objects.filter(username__in=demo_usernames(), is_active=True)
    found = sorted(u.username for u in users if u.check_password(DEMO_PASSWORD))
    if not found:
        return []
    return [
        checks.Error(
            f"数据库中有仍使用演示口令的账号：{'、'.join(found)}。",
            hint="生产环境不得保留演示账号：停用或删除它们（gongkai shell，或后台“用户”），再上线。",
            id="gongkai.E001",
        )
    ]
