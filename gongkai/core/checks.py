"""System checks: the private files never under /media/ (every start), and, with
`gongkai check --deploy --database default`, production must not carry the demo logins (docs/deploy.md).

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


@checks.register(checks.Tags.security)
def private_root_outside_media(app_configs=None, **kwargs):
    """nginx serves MEDIA_ROOT at /media/ to anyone (deploy/nginx-*.conf): citizens' files and attachments in review
    (GONGKAI_PRIVATE_ROOT) must not lie inside it, nor it inside them."""
    from pathlib import Path

    from django.conf import settings

    media = Path(settings.MEDIA_ROOT).resolve()
    private = Path(settings.GONGKAI_PRIVATE_ROOT).resolve()
    if not (private == media or private.is_relative_to(media) or media.is_relative_to(private)):
        return []
    return [
        checks.Error(
            f"非公开文件目录 GONGKAI_PRIVATE_ROOT（{private}）与 MEDIA_ROOT（{media}）重叠：nginx 以 /media/ 公开后者，"
            "市民上传的文件和未发布的附件会被任何人读取。",
            hint="把 GONGKAI_PRIVATE_ROOT 设到 MEDIA_ROOT 之外（默认 var/private 与 var/media）。",
            id="gongkai.E002",
        )
    ]
