"""The TOTP second factor: RFC 6238 arithmetic, enrolment, the code step after the password, replay, enforcement
for the three administrators."""

import base64
import io
import re

import pytest
from django.urls import reverse

from gongkai.accounts import totp
from gongkai.accounts.models import AccountSecurity
from gongkai.core import roles
from gongkai.core.models import AuditRecord
from tests.conftest import PASSWORD

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("when", "code"),
    # RFC 6238 Appendix B, SHA-1 column (8 digits)
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_rfc6238_test_vectors(when, code):
    assert totp.hotp(RFC_SECRET, totp.step_at(when), digits=8) == code


@pytest.mark.parametrize(("counter", "code"), [(0, "755224"), (1, "287082"), (9, "520489")])
def test_rfc4226_test_vectors(counter, code):
    assert totp.hotp(RFC_SECRET, counter) == code


def test_one_step_of_clock_drift_is_accepted_two_are_not():
    secret = totp.new_secret()
    now = 1_800_000_000
    assert totp.match(secret, totp.totp(secret, now - 30), when=now) is not None
    assert totp.match(secret, totp.totp(secret, now + 30), when=now) is not None
    assert totp.match(secret, totp.totp(secret, now - 90), when=now) is None
    assert totp.match(secret, "12345", when=now) is None


def test_the_provisioning_uri_and_qr_code():
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", "auditor", "恩施市政务公开平台")
    assert uri.startswith("otpauth://totp/")
    assert "secret=JBSWY3DPEHPK3PXP" in uri and "issuer=" in uri and "period=30" in uri
    svg = totp.qr_svg(uri)
    assert svg.lstrip().startswith("<svg") and "<script" not in svg


def login(client, username, password=PASSWORD):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def test_an_administrator_is_sent_to_enrolment_on_first_login_and_cannot_go_around_it(client, make_staff):
    make_staff(None, roles.AUDITOR, username="auditor")
    response = login(client, "auditor")
    assert response.status_code == 302
    page = client.get("/admin/audit/")
    assert page.status_code == 302 and page["Location"].startswith(reverse("security_totp_setup"))
    setup = client.get(reverse("security_totp_setup"))
    html = setup.content.decode()
    assert "<svg" in html and "otpauth://totp/" in html
    secret = AccountSecurity.objects.get(user__username="auditor").totp_secret  # started, not yet confirmed
    assert secret.replace(" ", "") and not AccountSecurity.objects.get(user__username="auditor").totp_enabled
    wrong = client.post(
        reverse("security_totp_setup"), {"code": "000000" if totp.totp(secret) != "000000" else "111111"}
    )
    assert "动态口令不正确" in wrong.content.decode()
    ok = client.post(reverse("security_totp_setup"), {"code": totp.totp(secret), "next": "/admin/audit/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/audit/"
    assert client.get("/admin/audit/").status_code == 200
    assert AccountSecurity.objects.get(user__username="auditor").totp_enabled
    assert AuditRecord.objects.filter(action="account.totp_enrolled").count() == 1
    # the secret is stored encrypted like personal data
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT totp_secret FROM core_accountsecurity")
        assert cursor.fetchone()[0].startswith("gk1$")


def enrol(user, when=None):
    secret = totp.new_secret()
    AccountSecurity.objects.update_or_create(
        user=user, defaults={"totp_secret": secret, "totp_confirmed_at": "2026-11-01T10:00:00+08:00"}
    )
    return secret


def test_an_enrolled_user_gives_the_code_after_the_password(client, make_staff, edu):
    editor = make_staff(edu, roles.EDITOR, username="jyj_editor")
    secret = enrol(editor)
    login(client, "jyj_editor")
    home = client.get("/admin/")
    assert home.status_code == 302 and home["Location"].startswith(reverse("security_totp_verify"))
    # the pending session reaches no API either
    assert client.get("/api/v1/calendar/add-workdays?start=2026-09-28&days=20").status_code == 403
    code = totp.totp(secret)
    response = client.post(reverse("security_totp_verify"), {"code": code, "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    # the same code cannot be used again (replay) in a new login
    client.logout()
    login(client, "jyj_editor")
    replay = client.post(reverse("security_totp_verify"), {"code": code})
    assert replay.status_code == 200 and "已使用过" in replay.content.decode()


def test_staff_without_enrolment_outside_the_three_admins_are_not_forced(client, make_staff, edu):
    make_staff(edu, roles.EDITOR, username="jyj_editor")
    login(client, "jyj_editor")
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_count_towards_the_lockout(client, make_staff, edu, settings):
    settings.GONGKAI_LOGIN_MAX_FAILURES = 3
    editor = make_staff(edu, roles.EDITOR, username="jyj_editor")
    secret = enrol(editor)
    login(client, "jyj_editor")
    bad = "000000" if totp.totp(secret) != "000000" else "111111"
    client.post(reverse("security_totp_verify"), {"code": bad})
    client.post(reverse("security_totp_verify"), {"code": bad})
    last = client.post(reverse("security_totp_verify"), {"code": bad}, follow=True)
    assert re.search(r"请 \d+ 分钟后再试", last.content.decode())
    assert "_auth_user_id" not in client.session  # signed out


def test_re_enrolment_needs_a_verified_session(client, make_staff, edu):
    """A stolen password alone cannot replace the authenticator."""
    editor = make_staff(edu, roles.EDITOR, username="jyj_editor")
    enrol(editor)
    login(client, "jyj_editor")
    response = client.get(reverse("security_totp_setup"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("security_totp_verify"))


def test_the_system_administrator_resets_a_lost_authenticator(client, make_staff):
    from django.core.management import call_command

    auditor = make_staff(None, roles.AUDITOR, username="auditor")
    enrol(auditor)
    call_command("account", "reset-totp", "auditor", stdout=io.StringIO())
    assert not AccountSecurity.objects.get(user=auditor).totp_enabled
    assert AuditRecord.objects.filter(action="account.totp_reset").exists()
    login(client, "auditor")
    assert client.get("/admin/")["Location"].startswith(reverse("security_totp_setup"))


def test_the_demo_command_gives_a_code_before_the_first_login_and_it_binds_the_authenticator(
    client, make_staff, settings
):
    """README: without an authenticator app, `gongkai account totp-code auditor` gives the code — also before the
    first login: it starts the binding (audited), and its code confirms the binding on the QR-code page."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    make_staff(None, roles.AUDITOR, username="auditor")
    out = io.StringIO()
    call_command("account", "totp-code", "auditor", stdout=out, stderr=io.StringIO())
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    started = AuditRecord.objects.get(action="account.totp_binding_started")
    assert started.actor_id is None and "命令行" in started.note
    secret = AccountSecurity.objects.get(user__username="auditor").totp_secret
    assert code == totp.totp(secret) or code == totp.totp(secret, totp.time.time() - 30)

    # again: the same binding, not a new one
    again = io.StringIO()
    call_command("account", "totp-code", "auditor", stdout=again, stderr=io.StringIO())
    assert AccountSecurity.objects.get(user__username="auditor").totp_secret == secret
    assert AuditRecord.objects.filter(action="account.totp_binding_started").count() == 1

    # first login: the binding page shows that secret, and the command's code binds it
    login(client, "auditor")
    page = client.get(reverse("security_totp_setup")).content.decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page
    bound = client.post(
        reverse("security_totp_setup"), {"code": again.getvalue().strip(), "next": "/admin/audit/"}
    )
    assert bound.status_code == 302 and bound["Location"] == "/admin/audit/"
    assert AccountSecurity.objects.get(user__username="auditor").totp_enabled
    assert client.get("/admin/audit/").status_code == 200

    # bound: the command gives the authenticator's current code, and starts nothing
    later = io.StringIO()
    call_command("account", "totp-code", "auditor", stdout=later)
    assert later.getvalue().strip() == totp.totp(secret)
    assert AuditRecord.objects.filter(action="account.totp_binding_started").count() == 1

    settings.PRODUCTION = True
    make_staff(None, roles.SECADMIN, username="secadmin")
    with pytest.raises(CommandError, match="生产环境不提供"):
        call_command("account", "totp-code", "secadmin")
    assert not AccountSecurity.objects.filter(user__username="secadmin").exclude(totp_secret="").exists()


def test_the_binding_page_is_one_page_its_icons_and_translations_are_not_sent_to_it(client, make_staff, edu):
    """Wagtail's admin pages fetch the icon sprite and insert it into the page: sent to the binding page instead, the
    sprite request brought a second copy of the page (a second <main>, a form with next=/admin/sprite/) into it."""
    make_staff(None, roles.AUDITOR, username="auditor")
    login(client, "auditor")
    html = client.get(reverse("security_totp_setup")).content.decode()
    assert html.count("<main") == 1
    sprite_url = re.search(r'data-icon-url="([^"]+)"', html).group(1)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    catalog_url = next(src for src in scripts if src.startswith(reverse("wagtailadmin_javascript_catalog")))
    for state in ("enrol", "verify"):
        if state == "verify":
            editor = make_staff(edu, roles.EDITOR, username="jyj_editor")
            enrol(editor)
            client.logout()
            login(client, "jyj_editor")
            assert client.get("/admin/")["Location"].startswith(reverse("security_totp_verify"))
        sprite = client.get(sprite_url)
        assert sprite.status_code == 200, state
        assert sprite["Content-Type"].startswith("image/svg+xml")
        assert "<main" not in sprite.content.decode() and "<symbol" in sprite.content.decode()
        catalog = client.get(catalog_url)
        assert catalog.status_code == 200 and "javascript" in catalog["Content-Type"], state
    assert "next=/admin/sprite" not in client.get(reverse("security_totp_verify")).content.decode()


def test_the_system_administrator_resets_an_authenticator_in_the_admin(client, make_staff):
    from tests.security.helpers import sign_in

    auditor = make_staff(None, roles.AUDITOR, username="auditor")
    sysadmin = make_staff(None, roles.SYSADMIN, username="sysadmin")
    enrol(auditor)
    sign_in(client, sysadmin)
    assert "重置动态口令" in client.get(reverse("security_locked")).content.decode()

    response = client.post(
        reverse("security_locked"), {"action": "reset-totp", "username": "auditor"}, follow=True
    )
    assert "已重置账号 auditor 的动态口令" in response.content.decode()
    assert not AccountSecurity.objects.get(user=auditor).totp_enabled
    record = AuditRecord.objects.get(action="account.totp_reset")
    assert record.actor_id == sysadmin.pk

    response = client.post(
        reverse("security_locked"), {"action": "reset-totp", "username": "auditor"}, follow=True
    )
    assert "尚未绑定动态口令，无需重置" in response.content.decode()
    response = client.post(
        reverse("security_locked"), {"action": "reset-totp", "username": "nobody"}, follow=True
    )
    assert "账号不存在：nobody" in response.content.decode()
    response = client.post(
        reverse("security_locked"), {"action": "reset-totp", "username": "sysadmin"}, follow=True
    )
    assert "不能重置自己的动态口令" in response.content.decode()
    assert AuditRecord.objects.filter(action="account.totp_reset").count() == 1
