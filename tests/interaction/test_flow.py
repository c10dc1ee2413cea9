"""The case flow: routing, review before publication, the reopen-until-satisfied rule, audit and isolation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.models import AuditRecord
from gongkai.interaction import actions, intake, rules
from gongkai.interaction.models import Case, Channel, FollowUp, Rating, RatingRecord, Status

from .conftest import MESSAGE, at


def test_category_routes_to_its_department_and_the_office_dispatches(make_message, office_user, edu):
    case = make_message(now=at(2026, 11, 2, 9))
    assert case.status == Status.RECEIVED
    assert case.suggested_department == edu and case.department is None
    case = actions.dispatch(office_user, case, case.suggested_department, now=at(2026, 11, 2, 10))
    assert case.status == Status.ASSIGNED and case.department == edu
    assert case.first_action_at == at(2026, 11, 2, 10)


def test_citizen_choice_of_department_wins_over_the_category(make_message, hrss):
    case = make_message(department="恩施市人力资源和社会保障局")
    assert case.suggested_department == hrss


def test_department_sees_only_its_own_cases(make_message, office_user, edu, hrss, edu_editor, hrss_editor):
    a = actions.dispatch(office_user, make_message(), edu)
    b = actions.dispatch(
        office_user, make_message(category="社保与就业", title="失业保险金申领进度咨询"), hrss
    )
    undispatched = make_message(title="学区划分调整意见征集在哪里看")
    assert list(Case.objects.for_user(edu_editor)) == [a]
    assert list(Case.objects.for_user(hrss_editor)) == [b]
    assert set(Case.objects.for_user(office_user)) == {a, b, undispatched}


def test_other_department_cannot_reply(make_message, office_user, edu, hrss_editor):
    case = actions.dispatch(office_user, make_message(), edu)
    with pytest.raises(PermissionDenied):
        actions.submit_reply(hrss_editor, case, "经核实，您所在小区对应恩施市实验小学。")


def _published(make_message, office_user, edu, edu_editor, now=None):
    now = now or at(2026, 11, 2, 9)
    case = actions.dispatch(office_user, make_message(now=now), edu, now=now)
    case = actions.submit_reply(
        edu_editor,
        case,
        "经核实，金桂大道片区对应恩施市实验小学，请于 8 月携户口簿报名。",
        now=now + datetime.timedelta(days=1),
    )
    return actions.review_reply(
        office_user, case, approve=True, now=now + datetime.timedelta(days=1, hours=2)
    )


def test_reply_is_reviewed_before_it_is_public(make_message, office_user, edu, edu_editor):
    case = actions.dispatch(office_user, make_message(), edu)
    case = actions.submit_reply(edu_editor, case, "经核实，金桂大道片区对应恩施市实验小学。")
    assert case.status == Status.REPLY_SUBMITTED and case.published_at is None
    assert not Case.objects.on_board().exists()
    with pytest.raises(rules.TransitionError, match="修改意见"):
        actions.review_reply(office_user, case, approve=False)
    case = actions.review_reply(office_user, case, approve=False, note="请写明报名时间和所需材料。")
    assert case.status == Status.ASSIGNED
    case = actions.submit_reply(
        edu_editor, case, "金桂大道片区对应恩施市实验小学，8 月 1 日至 5 日携户口簿报名。"
    )
    with pytest.raises(PermissionDenied):
        actions.review_reply(edu_editor, case, approve=True)


def test_bad_rating_reopens_under_supervision_until_satisfied(make_message, office_user, edu, edu_editor):
    case = _published(make_message, office_user, edu, edu_editor)
    assert case.status == Status.PUBLISHED
    rated = at(2026, 11, 5, 15)
    case = actions.rate(case, Rating.UNSATISFIED, "只说了学校，没说报名时间。", now=rated)
    assert case.status == Status.SUPERVISING
    assert case.supervision_due == datetime.date(2026, 11, 26)  # 15 working days after 11-05
    revisit = FollowUp.objects.get(case=case, kind=FollowUp.Kind.REVISIT)
    assert revisit.due == case.supervision_due and not revisit.done
    # cannot be closed while the citizen is unsatisfied — not even by the office without a reason
    with pytest.raises(rules.TransitionError):
        actions.close(office_user, case)
    with pytest.raises(rules.TransitionError, match="书面说明"):
        actions.override_close(office_user, case, "已处理")
    with pytest.raises(PermissionDenied):
        actions.override_close(edu_editor, case, "该诉求已超出本部门职责范围，已多次电话解释。")
    # the department fixes and replies again; the office publishes; the citizen can rate again
    case = actions.submit_reply(
        edu_editor, case, "补充答复：报名时间为 8 月 1 日至 5 日，携户口簿、房产证到校现场登记。"
    )
    case = actions.review_reply(office_user, case, approve=True, now=at(2026, 11, 9, 10))
    with pytest.raises(rules.TransitionError, match="不满意"):
        actions.close(office_user, case, now=at(2026, 11, 9, 11))
    case = actions.rate(case, Rating.SATISFIED, "清楚了，谢谢。", now=at(2026, 11, 9, 12))
    assert case.status == Status.PUBLISHED
    case = actions.close(office_user, case, now=at(2026, 11, 9, 13))
    assert case.status == Status.CLOSED
    assert list(RatingRecord.objects.filter(case=case).values_list("rating", "old_status", "new_status")) == [
        (2, "published", "supervising"),
        (4, "published", "published"),
    ]


def test_rating_only_once_per_published_reply(make_message, office_user, edu, edu_editor):
    case = _published(make_message, office_user, edu, edu_editor)
    actions.rate(case, Rating.VERY_SATISFIED)
    with pytest.raises(rules.TransitionError, match="已对本次答复作出评价"):
        actions.rate(Case.objects.get(pk=case.pk), Rating.VERY_UNSATISFIED)


def test_office_override_close_with_written_reason_is_audited(make_message, office_user, edu, edu_editor):
    case = actions.rate(
        _published(make_message, office_user, edu, edu_editor),
        Rating.VERY_UNSATISFIED,
        "要求把孩子安排到其他学区。",
    )
    reason = "诉求为跨学区择校，不符合《义务教育法》就近入学规定，已两次回访解释政策，群众仍坚持，依规办结。"
    case = actions.override_close(office_user, case, reason)
    assert case.status == Status.CLOSED and case.close_reason == reason
    rec = AuditRecord.objects.filter(action="interaction.override_close").get()
    assert rec.note == reason and rec.before["status"] == "supervising"


def test_close_waits_for_the_rating_window(make_message, office_user, edu, edu_editor):
    case = _published(make_message, office_user, edu, edu_editor, now=at(2026, 11, 2, 9))
    with pytest.raises(rules.TransitionError, match="等待群众评价"):
        actions.close(office_user, case, now=at(2026, 11, 5))
    assert actions.close(office_user, case, now=at(2026, 11, 12)).status == Status.CLOSED


def test_every_transition_leaves_one_audit_record(make_message, office_user, edu, edu_editor):
    case = _published(make_message, office_user, edu, edu_editor)
    actions.rate(case, Rating.SATISFIED)
    names = list(
        AuditRecord.objects.filter(object_type="interaction.case", object_id=str(case.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert names == [
        "interaction.submit",
        "interaction.dispatch",
        "interaction.submit_reply",
        "interaction.approve_reply",
        "interaction.rate",
    ]


def test_refused_transitions(make_message, office_user, edu):
    case = make_message()
    with pytest.raises(rules.TransitionError, match="答复公开后"):
        actions.rate(case, Rating.SATISFIED)
    with pytest.raises(rules.TransitionError):
        actions.close(office_user, case)
    with pytest.raises(rules.TransitionError, match="理由"):
        actions.transfer(office_user, actions.dispatch(office_user, case, edu), edu, "")


def test_invalid_message_needs_a_reason(make_message, office_user):
    case = make_message(title="推广理财产品高额回报", content="加微信了解高收益理财产品，日赚千元不是梦。")
    with pytest.raises(rules.TransitionError):
        actions.mark_invalid(office_user, case, "")
    assert actions.mark_invalid(office_user, case, "广告信息").status == Status.INVALID


def test_duplicates_within_minutes_collapse(routed):
    cleaned, _ = intake.validate_message(MESSAGE)
    first, created = actions.submit(Channel.MESSAGE, cleaned, now=at(2026, 11, 2, 9, 0))
    again, created_again = actions.submit(Channel.MESSAGE, dict(cleaned), now=at(2026, 11, 2, 9, 4))
    assert created and not created_again and again.pk == first.pk
    later, created_later = actions.submit(Channel.MESSAGE, dict(cleaned), now=at(2026, 11, 2, 9, 30))
    assert created_later and later.pk != first.pk
    other = dict(cleaned, content=cleaned["content"] + "另外，学校是否有课后服务？")
    assert actions.submit(Channel.MESSAGE, other, now=at(2026, 11, 2, 9, 5))[1]


def test_personal_data_in_the_text_is_flagged_for_the_office(make_message):
    case = make_message(
        content="我的身份证号 42280119900101123X，电话 13907181234，请核实学位登记信息是否有误。"
    )
    kinds = {f["kind"] for f in case.findings}
    assert {"resident_id", "mobile"} <= kinds
