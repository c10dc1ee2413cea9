"""The staff password policy refuses what guessing tools try first (issue 18 §2): keyboard walks, common passwords
dressed up with symbols and a year, the city's name and the username — with a Chinese message, on every path."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from gongkai.core import roles
from gongkai.org import actions

User = get_user_model()


@pytest.mark.parametrize(
    ("password", "code", "message"),
    [
        ("Qwer1234!@", "password_keyboard_pattern", "键盘上相邻的按键"),
        ("1qaz@WSX3edc", "password_keyboard_pattern", "键盘上相邻的按键"),
        ("Asdf#Zxcv12", "password_keyboard_pattern", "键盘上相邻的按键"),
        ("!QAZ2wsx#EDC", "password_keyboard_pattern", "键盘上相邻的按键"),
        ("Password@123", "password_too_common", "密码过于常见"),
        ("Dragon!2026#", "password_too_common", "密码过于常见"),
        ("Enshi@2026", "password_local_name", "本地地名或网站名称"),
        ("3nsh1#Gov2026", "password_local_name", "本地地名或网站名称"),
        ("Xq7#Jyj_editor", "password_contains_username", "登录账号名"),
    ],
)
def test_guessable_passwords_are_refused_in_chinese(db, password, code, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, User(username="jyj_editor", first_name="王晓明"))
    assert code in [e.code for e in refused.value.error_list]
    assert any(message in text for text in refused.value.messages)


@pytest.mark.parametrize(
    "password",
    ["Test@2026gongkai", "Zfgk#2026xxgk", "Lm7#rTq2vX9p", "Xin@2026gongkai", "Qing#He2026Liu"],
)
def test_strong_passwords_pass(db, password):
    validate_password(password, User(username="jyj_editor", first_name="王晓明"))


def test_the_administrators_reset_refuses_a_keyboard_walk_and_changes_nothing(make_staff, edu_editor):
    sysadmin = make_staff(None, roles.SYSADMIN)
    before = edu_editor.password
    with pytest.raises(ValidationError) as refused:
        actions.reset_password(sysadmin, edu_editor, "1qaz@WSX3edc")
    assert "键盘上相邻的按键" in " ".join(refused.value.messages)
    edu_editor.refresh_from_db()
    assert edu_editor.password == before


def test_creating_an_account_refuses_a_weak_initial_password_and_stores_nothing(make_staff, edu):
    """`org.actions.create_staff` is a password path too: a caller other than the staff form (the demo, a script)
    cannot give an account a password the policy refuses."""
    sysadmin = make_staff(None, roles.SYSADMIN)
    with pytest.raises(ValidationError) as refused:
        actions.create_staff(
            sysadmin, username="jyj_wangxm", full_name="王晓明", password="Qwer1234!@", department=edu
        )
    assert "初始密码不符合密码策略" in " ".join(refused.value.messages)
    assert "键盘上相邻的按键" in " ".join(refused.value.messages)
    assert not User.objects.filter(username="jyj_wangxm").exists()

    user = actions.create_staff(
        sysadmin, username="jyj_wangxm", full_name="王晓明", password="Zfgk#2026xxgk", department=edu
    )
    assert user.check_password("Zfgk#2026xxgk")


def test_the_demo_logins_pass_the_policy(db):
    from gongkai.demo.org import DEMO_PASSWORD

    for username in ("admin_sys", "lf_gkb", "jyj_editor"):
        validate_password(DEMO_PASSWORD, User(username=username))
