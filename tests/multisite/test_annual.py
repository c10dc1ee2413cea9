"""Annual reports on two sites: 龙凤镇's office makes its own departments' reports and sees its own progress, never the
city's departments or the city government's report."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.assessment.annual import actions, progress


def test_an_office_makes_reports_for_its_own_site_only(two_sites, edu, b_dept, a_office, b_office):
    with pytest.raises(PermissionDenied, match="只能编制本网站所属部门"):
        actions.create_report(b_office, 2025, edu)
    with pytest.raises(PermissionDenied, match="由政务公开办编制"):
        actions.create_report(b_office, 2025, None)
    report = actions.create_report(b_office, 2025, b_dept)
    assert report.title == "龙凤镇村镇建设办公室2025年政府信息公开工作年度报告"
    with pytest.raises(PermissionDenied):
        actions.create_report(a_office, 2025, b_dept)
    assert actions.create_report(a_office, 2025, None).department is None


def test_progress_and_list_per_site(client, two_sites, site_a, site_b, edu, b_dept, b_office):
    assert [r.name for r in progress.progress(2025, site_b)] == ["龙凤镇村镇建设办公室"]
    assert [r.name for r in progress.progress(2025, site_a)] == ["恩施市人民政府", "恩施市教育局"]

    client.force_login(b_office)
    html = client.get(reverse("annual_reports") + "?year=2025").content.decode()
    assert "龙凤镇村镇建设办公室" in html
    assert "恩施市教育局" not in html and '<option value="">本级人民政府</option>' not in html
