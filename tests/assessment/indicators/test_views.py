"""The dashboards: the office's department table with colours and charts, the drill-down to the cases, what a
department may see, the manual-score form, and the Excel / PDF exports."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.assessment.indicators import actions
from gongkai.assessment.indicators.models import Score
from tests.conftest import PASSWORD

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def published_q3(office_user, edu, hrss, foi_case, message):
    foi_case(edu, "2025-08-01", due="2025-08-29", closed="2025-09-05")
    foi_case(edu, "2025-07-01", due="2025-07-29", closed="2025-07-20")
    message(hrss, "2025-05-20", "2025-05-27")  # 3-month veto
    run = actions.compute_run(office_user, actions.create_run(office_user, "2025Q3"), today=TODAY)
    for s in Score.objects.filter(result__run=run, manual=True):
        actions.set_manual_score(office_user, s, s.weight, "核查台账，材料齐全。")
    return actions.publish_run(office_user, run)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_office_sees_the_table_with_colours_chart_and_veto(
    client, office_user, published_q3, hrss, django_assert_max_num_queries
):
    login(client, office_user)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("assessment_run", args=["2025Q3"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "恩施市人力资源和社会保障局" in html and "单项否决" in html
    assert 'class="kp-badge kp-red">红<' in html
    assert "<svg" in html and "<title>2025 年第 3 季度各部门得分</title>" in html
    assert " style=" not in html.split("<main", 1)[-1] and "<script>" not in html.split("<main", 1)[-1]


def test_drill_down_links_to_the_late_cases(client, office_user, published_q3, edu):
    login(client, office_user)
    result = published_q3.results.get(department=edu)
    html = client.get(reverse("assessment_result", args=["2025Q3", result.pk])).content.decode()
    assert "按期答复 1/2 件（50.0%），逾期 1 件" in html
    late = Score.objects.get(result=result, code="ysq_anqi").evidence[0]
    assert f'href="{late["url"]}"' in html and "逾期 5 个工作日" in late["label"]


def test_department_sees_only_its_own_published_result(
    client, edu_editor, published_q3, edu, hrss, office_user
):
    login(client, edu_editor)
    response = client.get(reverse("assessment_run", args=["2025Q3"]))
    own = published_q3.results.get(department=edu)
    assert response.status_code == 302 and response.url == reverse(
        "assessment_result", args=["2025Q3", own.pk]
    )
    other = published_q3.results.get(department=hrss)
    assert client.get(reverse("assessment_result", args=["2025Q3", other.pk])).status_code == 404
    wb = load_workbook(io.BytesIO(client.get(reverse("assessment_export", args=["2025Q3", "xlsx"])).content))
    names = [row[1] for row in wb["汇总"].iter_rows(min_row=4, values_only=True)]
    assert names == ["恩施市教育局"]
    # a run not yet published is not shown to departments at all
    draft = actions.create_run(office_user, "2025Q4")
    actions.compute_run(office_user, draft, today=TODAY)
    assert client.get(reverse("assessment_run", args=["2025Q4"])).status_code == 404


def test_department_cannot_post_scores_or_compute(client, edu_editor, office_user, edu):
    run = actions.compute_run(office_user, actions.create_run(office_user, "2025Q3"), today=TODAY)
    login(client, edu_editor)
    s = Score.objects.get(result__run=run, result__department=edu, code="jiedu_huiying")
    # Wagtail answers PermissionDenied in the admin with a redirect to the dashboard and an error message
    response = client.post(
        reverse("assessment_manual_score", args=[s.pk]), {f"s{s.pk}-points": "0", f"s{s.pk}-note": "自评满分"}
    )
    assert response.status_code == 302 and response.url == "/admin/"
    s.refresh_from_db()
    assert s.points is None and s.state == Score.State.PENDING
    computed_at = run.computed_at
    client.post(reverse("assessment_run_action", args=["2025Q3", "compute"]))
    run.refresh_from_db()
    assert run.computed_at == computed_at


def test_exports_of_the_office(client, office_user, published_q3):
    login(client, office_user)
    response = client.get(reverse("assessment_export", args=["2025Q3", "xlsx"]))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["汇总", "指标明细", "扣分依据"]
    rows = [r for r in wb["汇总"].iter_rows(min_row=4, values_only=True) if r[0]]  # ranked: departments
    # 教育局: half its FOI cases late → 70.0, below the yellow line; 人社局: vetoed
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("恩施市教育局", 70.0, "红"),
        ("恩施市人力资源和社会保障局", 100.0, "红"),
    ]
    assert any("超过 3 个月未答复" in (r[2] or "") for r in wb["扣分依据"].iter_rows(values_only=True))
    for sheet in wb:  # printed on A4 landscape, one page wide, the header on every page
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
            9,
            "landscape",
            1,
            0,
        )
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows
    pdf = client.get(reverse("assessment_export", args=["2025Q3", "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_manual_score_through_the_form(client, office_user, edu):
    login(client, office_user)
    run = actions.compute_run(office_user, actions.create_run(office_user, "2025Q3"), today=TODAY)
    s = Score.objects.get(result__run=run, result__department=edu, code="jiedu_huiying")
    page = client.get(reverse("assessment_result", args=["2025Q3", s.result_id])).content.decode()
    assert f'name="s{s.pk}-points"' in page
    response = client.post(
        reverse("assessment_manual_score", args=[s.pk]),
        {f"s{s.pk}-points": "4", f"s{s.pk}-note": "《义务教育招生政策》解读晚发 3 天。"},
    )
    assert response.status_code == 302
    s.refresh_from_db()
    assert str(s.points) == "4.00" and s.scored_by == office_user
    bad = client.post(
        reverse("assessment_manual_score", args=[s.pk]),
        {f"s{s.pk}-points": "9", f"s{s.pk}-note": "超分"},
        follow=True,
    )
    assert "得分须在 0 至 5 之间" in bad.content.decode()


def test_indicator_page_marks_unconnected_measures(client, office_user):
    from gongkai.assessment.indicators.models import Indicator

    Indicator.objects.create(
        code="shouye",
        name="首页更新及时",
        measure_code="health.homepage_fresh",
        method="首页两周内更新",
        weight=5,
    )
    login(client, office_user)
    html = client.get(reverse("assessment_indicators")).content.decode()
    assert "health.homepage_fresh（<strong>未接入</strong>）" in html
    response = client.post(
        reverse("assessment_indicator_new"),
        {
            "code": "x1",
            "name": "测试",
            "kind": "measured",
            "measure_code": "",
            "method": "说明",
            "weight": "5",
            "when_empty": "skip",
            "sort_order": 0,
            "active": "on",
        },
    )
    assert "系统计算的指标须选择计算项" in response.content.decode()


def test_index_and_annual_pages(client, office_user, published_q3):
    login(client, office_user)
    html = client.get(reverse("assessment_index")).content.decode()
    assert "2025 年第 3 季度" in html and "<svg" in html
    annual = client.get(reverse("assessment_annual", args=[2025])).content.decode()
    assert "恩施市教育局" in annual and "年度得分" in annual


def test_a_quarter_that_has_not_begun_cannot_be_created(client, office_user):
    from django.utils import timezone

    from gongkai.assessment.indicators.models import Run

    login(client, office_user)
    today = timezone.localdate()
    current = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    upcoming = f"{today.year + 1}Q1" if today.month > 9 else f"{today.year}Q{(today.month - 1) // 3 + 2}"
    html = client.post(reverse("assessment_run_create"), {"period": upcoming}, follow=True).content.decode()
    assert f"{upcoming} 尚未开始" in html and "不能建立考评" in html
    assert not Run.objects.filter(period=upcoming).exists()
    # the quarter under way may be created (computed up to yesterday, published once it has ended)
    response = client.post(reverse("assessment_run_create"), {"period": current})
    assert response.status_code == 302 and response.url == reverse("assessment_run", args=[current])
    assert Run.objects.filter(period=current).exists()


def test_mostly_no_data_is_not_green_and_shows_the_coverage(client, office_user, edu, foi_case):
    # 2025Q3: 恩施市教育局 answered its one FOI request on time; nothing else was measured for it
    foi_case(edu, "2025-07-01", due="2025-07-29", closed="2025-07-20")
    login(client, office_user)
    client.post(reverse("assessment_run_create"), {"period": "2025Q3"})
    client.post(reverse("assessment_run_action", args=["2025Q3", "compute"]))
    for s in Score.objects.filter(result__run__period="2025Q3", manual=True, result__department=edu):
        client.post(
            reverse("assessment_manual_score", args=[s.pk]),
            {f"s{s.pk}-points": str(s.weight), f"s{s.pk}-note": "核查台账，材料齐全。"},
        )
    result = Score.objects.filter(result__run__period="2025Q3", result__department=edu).first().result
    assert result.total == 100 and result.colour == "yellow" and result.needs_check
    html = client.get(reverse("assessment_run", args=["2025Q3"])).content.decode()
    row = html.split("恩施市教育局</a>", 1)[1].split("</tr>", 1)[0]
    assert f"{result.coverage}%" in row and "待核实" in row and "kp-yellow" in row and "kp-green" not in row
    page = client.get(reverse("assessment_result", args=["2025Q3", result.pk])).content.decode()
    assert "待核实：有数据的指标不足全部分值的一半" in page
