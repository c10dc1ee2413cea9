"""常态化考评 on two sites: 龙凤镇's office (lf_gkb) assesses 龙凤镇's departments in its own quarterly runs and never
sees, scores or recomputes the city's; the city's run holds only the city's departments, so the town's unscored
manual items never block the city's publication. Everything through the admin URLs the staff click."""

import pytest
from django.urls import reverse

from gongkai.assessment.indicators.models import DepartmentResult, Run, Score

PERIOD = "2026Q3"  # 1 July – 30 September 2026: over, so it can be computed to its end and published


def _post_ok(client, url, data=None):
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _make_run(client, user):
    client.force_login(user)
    _post_ok(client, reverse("assessment_run_create"), {"period": PERIOD})
    _post_ok(client, reverse("assessment_run_action", args=[PERIOD, "compute"]))


def _score_all_manual(client, run):
    for score in Score.objects.filter(result__run=run, manual=True):
        _post_ok(
            client,
            reverse("assessment_manual_score", args=[score.pk]),
            {f"s{score.pk}-points": str(score.weight), f"s{score.pk}-note": "核查工作台账，材料齐全。"},
        )


@pytest.fixture
def both_runs(client, two_sites, site_a, site_b, a_office, b_office):
    _make_run(client, a_office)
    _make_run(client, b_office)
    client.logout()
    return Run.objects.get(site=site_a), Run.objects.get(site=site_b)


def test_each_site_runs_its_own_quarter_with_its_own_departments(both_runs, site_a, site_b, edu, b_dept):
    city, town = both_runs
    assert (city.site, town.site) == (site_a, site_b) and city.period == town.period == PERIOD
    city_depts = set(DepartmentResult.objects.filter(run=city).values_list("department__name", flat=True))
    town_depts = set(DepartmentResult.objects.filter(run=town).values_list("department__name", flat=True))
    assert "恩施市教育局" in city_depts and "龙凤镇村镇建设办公室" not in city_depts
    assert town_depts == {"龙凤镇村镇建设办公室"}  # no site row: the home-page check is the city portal's


def test_town_office_cannot_see_or_score_the_citys_departments(client, both_runs, edu, b_office):
    city, _town = both_runs
    edu_score = Score.objects.get(result__run=city, result__department=edu, code="jiedu_huiying")
    client.force_login(b_office)

    index = client.get(reverse("assessment_index")).content.decode()
    run_page = client.get(reverse("assessment_run", args=[PERIOD])).content.decode()
    assert (
        "龙凤镇村镇建设办公室" in run_page and "恩施市教育局" not in run_page and "恩施市教育局" not in index
    )
    edu_result = edu_score.result
    assert client.get(reverse("assessment_result", args=[PERIOD, edu_result.pk])).status_code == 404
    response = client.post(
        reverse("assessment_manual_score", args=[edu_score.pk]),
        {f"s{edu_score.pk}-points": "5", f"s{edu_score.pk}-note": "龙凤镇公开办代为评分。"},
    )
    assert response.status_code == 404
    edu_score.refresh_from_db()
    assert edu_score.points is None and edu_score.state == Score.State.PENDING
    assert (
        client.post(reverse("assessment_result_note", args=[edu_result.pk]), {"note": "差"}).status_code
        == 404
    )

    listed = client.get("/api/v1/assessment/runs").json()
    assert len(listed) == 1
    rows = client.get(f"/api/v1/assessment/runs/{PERIOD}").json()
    assert [r["department"] for r in rows] == ["龙凤镇村镇建设办公室"]
    wb_names = client.get(reverse("assessment_annual", args=[2026])).content.decode()
    assert "恩施市教育局" not in wb_names


def test_city_recompute_leaves_the_town_out_and_publishes_without_waiting_for_it(
    client, both_runs, a_office, b_office, b_dept
):
    city, town = both_runs
    client.force_login(a_office)
    _post_ok(client, reverse("assessment_run_action", args=[PERIOD, "compute"]))
    assert not DepartmentResult.objects.filter(run__site=city.site, department=b_dept).exists()
    _score_all_manual(client, city)
    html = _post_ok(client, reverse("assessment_run_action", args=[PERIOD, "publish"]))
    assert "已发布" in html
    city.refresh_from_db()
    town.refresh_from_db()
    assert city.published and not town.published  # the town's pending items are the town's business
    assert DepartmentResult.objects.filter(run=town, pending__gt=0).exists()

    # the town's office publishes its own run once it has scored its own manual items
    client.force_login(b_office)
    _score_all_manual(client, town)
    _post_ok(client, reverse("assessment_run_action", args=[PERIOD, "publish"]))
    town.refresh_from_db()
    assert town.published
