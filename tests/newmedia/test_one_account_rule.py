"""国办发〔2018〕123号: one unit opens one account per platform in principle; an exception needs a recorded reason."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.models import AuditRecord
from gongkai.newmedia import actions
from gongkai.newmedia.models import Account, AccountStatus, Application, ApplicationKind, Platform

OPEN_CONDITIONS = [
    "necessity",
    "one_per_platform",
    "naming",
    "staffing",
    "review_system",
    "interaction",
    "security",
]


def open_application(actor, department, name, exception_reason="", platform=Platform.WECHAT):
    return actions.submit_application(
        actor,
        kind=ApplicationKind.OPEN,
        department=department,
        reason="面向家长发布招生入学、学生资助等服务信息。",
        checklist=OPEN_CONDITIONS,
        proposal={
            "platform": platform,
            "name": name,
            "operator": "谭雨欣",
            "certified": True,
            "certification_subject": department.name,
            "filing_status": "pending",
            "has_interaction": True,
            "exception_reason": exception_reason,
        },
    )


def test_a_second_account_on_the_same_platform_is_refused(edu_wechat, edu_editor, edu):
    with pytest.raises(ValidationError) as exc:
        open_application(edu_editor, edu, "恩施教育服务")
    assert "一个单位在同一平台只开设一个账号" in exc.value.message_dict["exception_reason"][0]
    assert "恩施教育" in exc.value.message_dict["exception_reason"][0]
    assert not Application.objects.exists()
    assert not AuditRecord.objects.filter(action="newmedia.application_submit").exists()


def test_another_platform_is_fine(edu_wechat, edu_editor, office_user, edu):
    application = open_application(edu_editor, edu, "恩施教育", platform=Platform.DOUYIN)
    actions.approve_application(office_user, application, "同意开设。")
    assert Account.objects.filter(department=edu, platform=Platform.DOUYIN, name="恩施教育").exists()


def test_an_exception_with_a_recorded_reason_is_allowed(edu_wechat, edu_editor, office_user, edu):
    reason = "面向家长的服务号（招生报名、资助申请），与订阅号功能不同，经市政府办公室同意。"
    application = open_application(edu_editor, edu, "恩施教育服务", exception_reason=reason)
    actions.approve_application(office_user, application)
    account = Account.objects.get(name="恩施教育服务")
    assert account.exception_reason == reason
    record = AuditRecord.objects.get(action="newmedia.application_approve")
    assert record.after["account"]["exception_reason"] == reason


def test_a_closed_account_does_not_count(edu_wechat, edu_editor, office_user, edu):
    Account.objects.filter(pk=edu_wechat.pk).update(status=AccountStatus.CLOSED)
    application = open_application(edu_editor, edu, "恩施教育")
    actions.approve_application(office_user, application)
    assert Account.objects.filter(department=edu, platform=Platform.WECHAT).count() == 2


def test_the_rule_is_checked_again_at_approval(edu_editor, office_user, edu):
    """Two applications filed for the same platform before either was approved: only the first goes through."""
    first = open_application(edu_editor, edu, "恩施教育")
    second = open_application(edu_editor, edu, "恩施教育发布")
    actions.approve_application(office_user, first)
    with pytest.raises(ValidationError) as exc:
        actions.approve_application(office_user, second)
    assert "exception_reason" in exc.value.message_dict
    assert Account.objects.filter(department=edu).count() == 1


def test_the_registry_takeover_applies_the_rule_within_the_batch(edu, office_user, now):
    from .conftest import NOW

    batch = [
        Account(department=edu, platform=Platform.WEIBO, name="恩施教育", operator="谭雨欣", opened_at=NOW),
        Account(
            department=edu, platform=Platform.WEIBO, name="恩施教育发布", operator="谭雨欣", opened_at=NOW
        ),
    ]
    with pytest.raises(ValidationError):
        actions.register_existing_accounts(office_user, batch)
    assert not Account.objects.exists()
    batch[1].exception_reason = "原教育局、招生办合并前分别开设，整合过渡期内保留。"
    created = actions.register_existing_accounts(office_user, batch)
    assert len(created) == 2
    assert AuditRecord.objects.get(action="newmedia.registry_import").object_repr == "导入已有账号 2 个"
