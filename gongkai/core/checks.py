"""`gongkai check --deploy --database default`: production must not carry the demo logins (docs/deploy.md).

`gongkai demo` refuses to run in production (and production does not install the demo app); this check catches a
database that was loaded in demo mode and then put behind GONGKAI_ENV=production. The demo puts every account it
creates into the group DEMO_GROUP, so the check needs nothing of the demo's code. It needs the database, so it
runs only when --database is given.
"""

from django.core import checks

#: the group of the accounts `gongkai demo` created (their password is printed by `make demo`)
DEMO_GROUP = "演示账号"


@checks.register(checks.Tags.security, deploy=True)
def no_demo_accounts(app_configs=None, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(groups__name=DEMO_GROUP, is_active=True)
    found = sorted(users.values_list("username", flat=True))
    if not found:
        return []
    return [
        checks.Error(
            f"数据库中有演示环境载入的账号（口令已公开）：{'、'.join(found)}。",
            hint="生产环境不得保留演示账号：停用或删除它们（gongkai shell，或后台“用户”），再上线。",
            id="gongkai.E001",
        )
    ]
