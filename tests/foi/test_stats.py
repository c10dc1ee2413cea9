"""Annual-report tables 三 and 四 (国办公开办函〔2021〕30号) from the cases' own data, across a year boundary."""

import datetime

import pytest

from gongkai.foi import actions, rules, services, stats
from gongkai.foi.models import Application

from .conftest import company_payload, person_payload, shanghai

D = datetime.date


def new_case(payload, at, office, channel="in_person"):
    cleaned, errors = services.validate(payload)
    assert errors == {}
    app, _ = actions.submit(cleaned, channel=channel, actor=office if channel != "online" else None, at=at)
    return app


def answer(app, office, dept, editor, outcome, day):
    actions.assign(office, app, dept, at=shanghai(day.year, day.month, day.day, 9))
    actions.department_reply(
        editor,
        app,
        outcome=outcome,
        reply_text="答复见告知书。",
        at=shanghai(day.year, day.month, day.day, 10),
    )
    actions.review(
        office, app, approve=True, secrecy_checked=True, at=shanghai(day.year, day.month, day.day, 11)
    )
    actions.deliver(
        office, app, method="ems", proof="EMS 1103456789012", at=shanghai(day.year, day.month, day.day, 15)
    )


@pytest.fixture
def year_boundary(db, office_user, edu, edu_editor):
    a = new_case(
        person_payload(description="请公开2024年恩施市教育经费统计公报。"), shanghai(2025, 3, 3), office_user
    )
    answer(a, office_user, edu, edu_editor, rules.Outcome.DISCLOSED, D(2025, 3, 20))
    b = new_case(company_payload(), shanghai(2025, 12, 22), office_user)
    c = new_case(
        company_payload(
            organization_type="legal_service",
            name="湖北施南律师事务所",
            description="请公开某行政处罚案件的处罚决定书。",
        ),
        shanghai(2025, 12, 29),
        office_user,
    )
    actions.request_correction(
        office_user, c, items="请写明处罚决定书的文号", period_days=15, at=shanghai(2025, 12, 30)
    )
    d = new_case(
        person_payload(description="请公开2026年恩施市春季学期营养餐补助标准。"),
        shanghai(2026, 2, 2),
        office_user,
    )
    # online on New Year's Eve, confirmed on Sunday 2026-01-04 (a make-up working day): a 2026 case
    e = new_case(
        company_payload(
            organization_type="research",
            name="恩施州农业科学院",
            description="请公开关于某村干部违纪问题的调查处理结果。",
        ),
        shanghai(2025, 12, 31, 20),
        office_user,
        channel="online",
    )
    actions.confirm_receipt(office_user, e, at=shanghai(2026, 1, 4, 9))
    actions.department_reply(
        office_user,
        e,
        outcome=rules.Outcome.NOT_HANDLED_PETITION,
        reply_text="请通过信访渠道反映。",
        at=shanghai(2026, 1, 6),
    )
    actions.review(office_user, e, approve=True, secrecy_checked=True, at=shanghai(2026, 1, 7))
    actions.deliver(office_user, e, method="email", proof="已发送", at=shanghai(2026, 1, 8))
    answer(b, office_user, edu, edu_editor, rules.Outcome.WITHHELD_THIRD_PARTY, D(2026, 1, 15))
    actions.close_lapsed(None, c, at=shanghai(2026, 1, 30, 1))
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def test_table3_rows_and_columns_are_the_official_ones(db):
    table = stats.table3(2025)
    assert table.columns == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    labels = [r.label for r in table.rows]
    for label in [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
        "（七）总计",
        "四、结转下年度继续办理",
    ]:
        assert label in labels
    leaves = [r for r in table.rows if r.outcome]
    assert len(leaves) == 21 == len(rules.Outcome.values)
    assert "1.属于国家秘密" in labels and "3.补正后申请内容仍不明确" in labels
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in labels


def test_cases_counted_by_legal_receipt_year_with_carry_over(year_boundary):
    t25, t26 = stats.table3(2025), stats.table3(2026)
    assert t25.balanced and t26.balanced
    assert t25.row(stats.ROW_NEW).values == [1, 1, 0, 0, 1, 0, 3]
    assert t25.value("（一）予以公开", "自然人") == 1
    assert t25.row(stats.ROW_CARRIED_OUT).values == [0, 1, 0, 0, 1, 0, 2]
    assert t26.row(stats.ROW_NEW).values == [1, 0, 1, 0, 0, 0, 2]
    assert t26.row(stats.ROW_CARRIED_IN).values == [0, 1, 0, 0, 1, 0, 2]
    assert t26.value("4.保护第三方合法权益", "商业企业") == 1
    assert t26.value("1.信访举报投诉类申请", "科研机构") == 1
    assert t26.value("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "法律服务机构") == 1
    assert t26.value(stats.ROW_TOTAL) == 3 and t26.value(stats.ROW_CARRIED_OUT, "自然人") == 1


def test_identity_check_reports_a_broken_column(year_boundary):
    # a closing date before the receipt date cannot come from the action functions; simulate corrupt data
    Application.objects.filter(pk=year_boundary["b"].pk).update(closed_on=D(2024, 12, 31))
    table = stats.table3(2025)
    assert not table.balanced and table.imbalances[0].startswith("商业企业")


def test_table3_for_one_department(year_boundary, edu):
    table = stats.table3(2026, department=edu)
    assert table.balanced and table.value(stats.ROW_NEW) == 0 and table.value(stats.ROW_TOTAL) == 1


def test_table4_counts_results_as_of_the_year_end(year_boundary, office_user):
    b = year_boundary["b"]
    review = actions.file_remedy(
        office_user, b, kind="review", filed_on=D(2026, 2, 20), body="恩施市人民政府"
    )
    actions.file_remedy(office_user, b, kind="litigation_direct", filed_on=D(2026, 3, 2))
    actions.decide_remedy(office_user, review, result="upheld", decided_on=D(2026, 4, 20))
    table = stats.table4(2026)
    assert table["行政复议"] == {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 0, "总计": 1}
    assert table["行政诉讼（未经复议直接起诉）"]["尚未审结"] == 1
    assert stats.table4(2025)["行政复议"]["总计"] == 0


def test_dwell_summary_per_department(year_boundary, edu):
    summary = stats.dwell_summary(2025)  # cases a and b, both received in 2025
    edu_row = next(r for r in summary if r["department"] == edu.name)
    hop = next(h for h in edu_row["hops"] if h["hop"] == "分办 → 部门答复")
    assert hop["count"] == 2 and hop["median"] == pytest.approx(1.0) and hop["longest"] == pytest.approx(1.0)


def test_demo_data_balances_and_covers_every_outcome(db):
    import io

    from gongkai.demo import foi as demo
    from gongkai.demo import org as org_demo

    org_demo.load(io.StringIO())
    demo.load(io.StringIO())
    count = Application.objects.count()
    assert count > 250
    assert set(Application.objects.exclude(outcome="").values_list("outcome", flat=True)) == set(
        rules.Outcome.values
    )
    for year in (2024, 2025, 2026):
        assert stats.table3(year).balanced
    # the demo starts in December 2024 so that the 2025 report has cases carried over into it
    assert stats.table3(2025).value(stats.ROW_CARRIED_IN) > 0
    assert Application.objects.open().exists()
    demo.load(io.StringIO())
    assert Application.objects.count() == count
