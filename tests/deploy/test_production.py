"""Production mode (GONGKAI_ENV=production) refuses to start half-configured, and `check --deploy` is clean when it
is configured. Each case starts a fresh interpreter, because settings are read once at start."""

import base64
import os
import secrets
import subprocess
import sys

import pytest

GOOD = {
    "GONGKAI_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "xxgk.enshi.gov.cn",
    "DATABASE_URL": "postgres://gongkai@127.0.0.1:5432/gongkai",
    # the encryption keys of personal data and of the lookup hashes (docs/security.md): Fernet keys
    "GONGKAI_DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    "GONGKAI_INDEX_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    # the audit chain's HMAC key, outside the database (docs/security.md)
    "GONGKAI_AUDIT_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
}


def run(tmp_path, code="import django; django.setup()", **overrides):
    # nothing of the test process's own configuration: not DEBUG, not its Redis, and not the async flag the browser
    # tests set for Playwright (check --deploy rightly refuses it)
    skip = ("DEBUG", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in GOOD and k not in skip}
    env.update(GOOD, GONGKAI_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="gongkai.settings")
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": None}, "生产模式必须通过环境变量 SECRET_KEY 提供密钥"),
        ({"SECRET_KEY": "changeme"}, "至少 50 个字符"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 60}, "至少 50 个字符"),
        ({"ALLOWED_HOSTS": None}, "生产模式必须设置 ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "不能为 *"),
        ({"DATABASE_URL": None}, "生产模式必须使用 PostgreSQL"),
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "生产模式必须使用 PostgreSQL"),
        ({"DEBUG": "1"}, "不得开启 DEBUG"),
    ],
)
def test_production_refuses_to_start_half_configured(tmp_path, overrides, message):
    result = run(tmp_path, **overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
    # no key was generated into the var dir as a fallback
    assert not (tmp_path / "secret_key").exists()


def test_configured_production_passes_check_deploy_and_sets_https_assumptions(tmp_path):
    code = (
        "import sys; from django.core.management import call_command; import django; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, 'upgrade-insecure-requests' in s.GONGKAI_CSP);"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = run(tmp_path, code=code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "True True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https') ['https://xxgk.enshi.gov.cn'] True"
    )
    assert "no issues" in result.stdout + result.stderr


def test_demo_data_is_refused_in_production(tmp_path):
    # the `gongkai` entry point: production does not install the demo app, yet says why rather than "Unknown command"
    code = "import sys; sys.argv = ['gongkai', 'demo']; from gongkai.manage import main; main()"
    result = run(tmp_path, code=code)
    assert result.returncode != 0
    assert "生产模式不载入演示数据与演示账号" in result.stderr


def test_production_settings_do_not_install_the_demo_app(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.INSTALLED_APPS)"
    production = run(tmp_path, code=code)
    assert production.returncode == 0, production.stderr
    assert "gongkai.core" in production.stdout
    assert "gongkai.demo" not in production.stdout
    demo = run(tmp_path, code=code, GONGKAI_ENV="demo")
    assert "'gongkai.demo'" in demo.stdout


@pytest.mark.django_db
def test_deploy_check_names_the_accounts_the_demo_created(office_dept, make_staff):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from gongkai.core import roles
    from gongkai.core.checks import no_demo_accounts

    make_staff(office_dept, roles.OFFICE, username="wangfang")  # a real account: never reported
    assert no_demo_accounts(databases=["default"]) == []
    call_command("demo", "--only", "org", stdout=StringIO())
    errors = no_demo_accounts(databases=["default"])
    assert [e.id for e in errors] == ["gongkai.E001"]
    assert "gkb" in errors[0].msg and "jyj_editor" in errors[0].msg
    assert "wangfang" not in errors[0].msg
    # without --database the check does not touch the database
    assert no_demo_accounts(databases=None) == []
    get_user_model().objects.filter(groups__name="演示账号").update(
        is_active=False
    )  # the office disabled them
    assert no_demo_accounts(databases=["default"]) == []
