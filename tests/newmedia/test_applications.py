"""Opening, change and closing as applications under review: conditions checklist, office approval, history,
every step audited; and the closing sequence (停更公告 first)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core import audit
from gongkai.core.models import AuditRecord
from gongkai.newmedia import actions
from gongkai.newmedia.models import Account, AccountStatus, ApplicationKind, ApplicationState

from .conftest import NOW
from .test_one_account_rule import open_application

CLOSE_CONDITIONS = ["notice_published", "content_archived", "followers_guided", "filing"]


def test_approval_needs_every_condition(edu_editor, office_user, edu):
    application = actions.submit_application(
        edu_editor,
        kind=ApplicationKind.OPEN,
        department=edu,
        reason="发布政策解读短视频。",
        checklist=["necessity", "naming", "staffing"],
        proposal={"platform": "douyin", "name": "恩施教育", "operator": "谭雨欣"},
    )
    with pytest.raises(ValidationError) as exc:
        actions.approve_application(office_user, application)
    message = exc.value.message_dict["checklist"][0]
    assert "已建立信息发布审核制度" in message and "具备有效互动功能" in message
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert not Account.objects.exists()


def test_a_department_cannot_approve_its_own_application(edu_editor, edu):
    application = open_application(edu_editor, edu, "恩施教育")
    with pytest.raises(PermissionDenied):
        actions.approve_application(edu_editor, application)


def test_staff_file_only_for_their_own_department(hrss_editor, edu):
    with pytest.raises(PermissionDenied):
        open_application(hrss_editor, edu, "恩施教育")


def test_bad_proposal_fields_are_reported_per_field_and_nothing_is_stored(edu_editor, edu):
    with pytest.raises(ValidationError) as exc:
        actions.submit_application(
            edu_editor,
            kind=ApplicationKind.OPEN,
            department=edu,
            reason="",
            proposal={"platform": "myspace", "name": "", "filing_status": "filed", "url": "不是链接"},
        )
    errors = exc.value.message_dict
    assert set(errors) >= {"reason", "platform", "name", "url", "filing_number", "operator"}
    assert errors["filing_number"] == ["已备案的账号须填写备案编号。"]
    assert not AuditRecord.objects.filter(action__startswith="newmedia.").exists()


def test_change_applies_only_what_changed_once_approved(edu_wechat, edu_editor, office_user, edu):
    application = actions.submit_application(
        edu_editor,
        kind=ApplicationKind.CHANGE,
        department=edu,
        account=edu_wechat,
        reason="运维人员岗位调整。",
        checklist=["reason_clear", "certification", "review_system"],
        proposal={"operator": "黄建华", "contractor": "恩施州云上传媒有限公司"},
    )
    assert application.proposal == {"operator": "黄建华", "contractor": "恩施州云上传媒有限公司"}
    edu_wechat.refresh_from_db()
    assert edu_wechat.operator == "谭雨欣"  # nothing changes before approval
    actions.approve_application(office_user, application, "同意。")
    edu_wechat.refresh_from_db()
    assert (edu_wechat.operator, edu_wechat.contractor) == ("黄建华", "恩施州云上传媒有限公司")
    record = AuditRecord.objects.get(action="newmedia.application_approve")
    assert (
        record.before["account"]["operator"] == "谭雨欣" and record.after["account"]["operator"] == "黄建华"
    )


def test_rejection_needs_reasons_and_is_final(edu_editor, office_user, edu):
    application = open_application(edu_editor, edu, "恩施教育")
    with pytest.raises(ValidationError):
        actions.reject_application(office_user, application, "  ")
    actions.reject_application(office_user, application, "名称未体现主办单位，请修改后重新申请。")
    with pytest.raises(ValidationError):
        actions.approve_application(office_user, application)
    application.refresh_from_db()
    assert application.state == ApplicationState.REJECTED
    assert application.decision_note == "名称未体现主办单位，请修改后重新申请。"


def test_closing_sequence(edu_wechat, edu_editor, office_user, edu, now):
    """停更公告 first, then the closing application, then the office's approval; each step in the audit trail."""
    with pytest.raises(ValidationError) as exc:
        actions.submit_application(
            edu_editor,
            kind=ApplicationKind.CLOSE,
            department=edu,
            account=edu_wechat,
            reason="与市教育局主账号功能重复，整合关停。",
            checklist=CLOSE_CONDITIONS,
        )
    assert exc.value.message_dict["account"] == ["关停前须先发布停更公告，并登记公告链接。"]

    with pytest.raises(ValidationError):
        actions.publish_closing_notice(edu_editor, edu_wechat, notice_url="公告见微信")
    with pytest.raises(ValidationError):
        actions.publish_closing_notice(
            edu_editor,
            edu_wechat,
            notice_url="https://mp.weixin.qq.com/s/tinggeng",
            published_at=NOW + datetime.timedelta(days=1),
        )
    actions.publish_closing_notice(
        edu_editor, edu_wechat, notice_url="https://mp.weixin.qq.com/s/tinggeng", published_at=NOW
    )
    edu_wechat.refresh_from_db()
    assert edu_wechat.status == AccountStatus.CLOSING_NOTICE

    now.set(NOW + datetime.timedelta(days=7))
    application = actions.submit_application(
        edu_editor,
        kind=ApplicationKind.CLOSE,
        department=edu,
        account=edu_wechat,
        reason="与市教育局主账号功能重复，整合关停。",
        checklist=CLOSE_CONDITIONS,
    )
    with pytest.raises(ValidationError) as exc:
        actions.submit_application(
            edu_editor,
            kind=ApplicationKind.CLOSE,
            department=edu,
            account=edu_wechat,
            reason="重复提交",
            checklist=CLOSE_CONDITIONS,
        )
    assert exc.value.message_dict["account"] == ["该账号已有待审核的申请。"]
    actions.approve_application(
        office_user, application, "同意关停，请在全国政务新媒体信息报送系统办理注销。"
    )
    edu_wechat.refresh_from_db()
    assert edu_wechat.status == AccountStatus.CLOSED
    assert edu_wechat.closed_at == NOW + datetime.timedelta(days=7)
    trail = list(
        AuditRecord.objects.filter(object_type__startswith="newmedia.").values_list("action", flat=True)
    )
    assert trail == ["newmedia.closing_notice", "newmedia.application_submit", "newmedia.application_approve"]
    assert audit.verify().ok
    with pytest.raises(ValidationError):
        actions.publish_closing_notice(edu_editor, edu_wechat, notice_url="https://mp.weixin.qq.com/s/x")


def test_a_closed_account_takes_no_more_posts(edu_wechat, now):
    Account.objects.filter(pk=edu_wechat.pk).update(status=AccountStatus.CLOSED)
    edu_wechat.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.add_post(None, edu_wechat, title="关停后发文", published_at=NOW)
