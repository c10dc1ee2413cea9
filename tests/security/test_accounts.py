"""Lockout after repeated failed logins, password policy and expiry, the inactivity timeout."""

import datetime
import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts import signin
from gongkai.accounts.models import AccountSecurity, LoginFailure
from gongkai.core import roles
from gongkai.core.models import AuditRecord
from tests.conftest import PASSWORD
from tests.security.helpers import sign_in


def login(client, username, password, address="10.1.2.3"):
    return client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_lock_the_account_with_a_chinese_wait_message(client, edu_editor):
    for _ in range(4):
        response = login(client, "jyj_editor", "Wrong@2026pass")
        assert "账号或密码不正确" in response.content.decode()
    fifth = login(client, "jyj_editor", "Wrong@2026pass")
    assert re.search(r"已被暂时锁定，请 30 分钟后再试", fifth.content.decode())
    # the right password is refused while locked, and is not even checked (no new failure counted)
    locked = login(client, "jyj_editor", PASSWORD)
    assert locked.status_code == 200 and "暂时锁定" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(username="jyj_editor").count() == 5
    assert AuditRecord.objects.filter(action="account.login_failed").count() == 5
    assert AuditRecord.objects.filter(action="account.locked", object_id="jyj_editor").count() == 1


def test_the_lock_ends_after_the_lockout_period(client, edu_editor):
    past = timezone.now() - datetime.timedelta(minutes=31)
    LoginFailure.objects.bulk_create(
        [LoginFailure(username="jyj_editor", address="10.1.2.3", at=past) for _ in range(5)]
    )
    assert signin.locked_for("jyj_editor", "10.9.9.9") == 0
    response = login(client, "jyj_editor", PASSWORD)
    assert response.status_code == 302
    assert not LoginFailure.objects.filter(username="jyj_editor").exists()  # success forgets the failures
    assert AuditRecord.objects.filter(action="account.login").exists()


def test_one_address_trying_many_accounts_is_locked(client, db, settings):
    settings.GONGKAI_LOGIN_IP_MAX_FAILURES = 6
    for i in range(6):
        login(client, f"guess{i}", "Wrong@2026pass", address="203.0.113.9")
    assert signin.locked_for("another", "203.0.113.9") > 0
    assert signin.locked_for("another", "198.51.100.1") == 0


def test_the_lockout_also_guards_the_django_admin_login(client, edu_editor):
    for _ in range(5):
        client.post("/django-admin/login/", {"username": "jyj_editor", "password": "Wrong@2026pass"})
    assert signin.locked_for("jyj_editor", "127.0.0.1") > 0


def test_the_system_administrator_unlocks_an_account(edu_editor, make_staff):
    sysadmin = make_staff(None, roles.SYSADMIN)
    for _ in range(5):
        signin.record_failure("jyj_editor", "10.1.2.3")
    assert signin.locked_for("jyj_editor", "10.0.0.1")
    signin.unlock(sysadmin, "jyj_editor")
    assert signin.locked_for("jyj_editor", "10.0.0.1") == 0
    assert AuditRecord.objects.filter(action="account.unlocked").get().actor == sysadmin


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("Test@2026gongkai", True),
        ("enshi2026gongkai", False),  # two classes
        ("ENSHIGONGKAI2026", False),
        ("Gk@26", False),  # too short
        ("20261127123456", False),  # digits only
        ("Zfgk#2026xxgk", True),
    ],
)
def test_password_policy(db, password, ok):
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


def test_an_expired_password_must_be_changed_before_anything_else(client, edu_editor):
    AccountSecurity.objects.filter(user=edu_editor).update(
        password_changed_at=timezone.now() - datetime.timedelta(days=91)
    )
    client.force_login(edu_editor)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("security_password"))
    page = client.get(reverse("security_password"))
    assert "已使用超过 90 天" in page.content.decode()
    same = client.post(
        reverse("security_password"),
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert "不能与原密码相同" in same.content.decode()
    new = "Xin@2026gongkai"
    done = client.post(
        reverse("security_password"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200
    edu_editor.refresh_from_db()
    assert edu_editor.check_password(new)
    assert AuditRecord.objects.filter(action="account.password_changed").exists()


def test_creating_an_account_stamps_its_password_time(edu_editor):
    stamp = AccountSecurity.objects.get(user=edu_editor).password_changed_at
    assert timezone.now() - stamp < datetime.timedelta(minutes=1)


def test_an_idle_session_is_logged_out(client, edu_editor, settings):
    client.force_login(edu_editor)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[signin.SESSION_LAST_SEEN] = (
        int(timezone.now().timestamp()) - settings.GONGKAI_SESSION_IDLE_SECONDS - 5
    )
    session.save()
    response = client.get("/admin/", follow=True)
    assert "_auth_user_id" not in client.session
    assert "未操作" in response.content.decode()
    assert AuditRecord.objects.filter(action="account.session_timeout").exists()


def test_an_idle_session_on_a_public_page_just_ends(client, edu_editor, settings):
    client.force_login(edu_editor)
    session = client.session
    session[signin.SESSION_LAST_SEEN] = (
        int(timezone.now().timestamp()) - settings.GONGKAI_SESSION_IDLE_SECONDS - 5
    )
    session.save()
    response = client.get("/ysqgk/shenqing/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_system_administrator_sees_and_lifts_locks_in_the_admin(client, edu_editor, make_staff):
    from tests.security.helpers import sign_in

    for _ in range(5):
        signin.record_failure("jyj_editor", "10.1.2.3")
    sysadmin = make_staff(None, roles.SYSADMIN)
    sign_in(client, sysadmin)
    page = client.get(reverse("security_locked")).content.decode()
    assert "jyj_editor" in page and "30 分钟" in page
    client.post(reverse("security_locked"), {"username": "jyj_editor"})
    assert signin.locked_for("jyj_editor", "10.9.9.9") == 0
    sign_in(client, edu_editor)
    assert client.get(reverse("security_locked")).status_code in (302, 403)


def test_django_admins_password_page_leads_to_the_platforms_own(client, edu_editor):
    """Issue 18 item 8: /django-admin/password_change/ took the old password as the new one, reset the expiry clock
    and wrote no audit record. It now sends staff to the one password page; Wagtail's account settings offer none."""
    edu_editor.is_staff = True
    edu_editor.save(update_fields=["is_staff"])
    stamp = AccountSecurity.objects.get(user=edu_editor).password_changed_at
    client.force_login(edu_editor)
    same = {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD}
    response = client.post("/django-admin/password_change/", same)
    assert response.status_code == 302 and response["Location"] == reverse("security_password")
    assert AccountSecurity.objects.get(user=edu_editor).password_changed_at == stamp
    assert client.get("/django-admin/password_change/done/")["Location"] == reverse("security_password")
    sign_in(client, edu_editor)
    account = client.get("/admin/account/").content.decode()
    assert 'name="password-old_password"' not in account and "old_password" not in account
    assert reverse("security_password") in client.get("/admin/").content.decode()
