"""报送进度 and the Art. 49 reminders: departments publish last year's report by 31 January, the government by
31 March; a unit whose report is not yet public is reminded once 10 days before and once when overdue, its staff
and the office by e-mail; a report made public is never chased. Real dates of the 2025 reports."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.assessment.annual import actions, progress, tasks
from gongkai.assessment.annual.models import AnnualReminder
from gongkai.disclosure.models import GovInfoPage
from tests.disclosure.fixtures import act
from tests.foi.conftest import shanghai

D = datetime.date

ENTERED = {
    "licensing": {"value": "12", "source": "市政数局审批系统年度统计"},
    "penalty": {"value": "3", "source": "市教育局法规科台账"},
    "coercion": {"value": "0", "source": "市教育局法规科台账"},
    "fees_wan": {"value": "0", "source": "市财政局非税收入系统"},
}


@pytest.fixture
def units(catalog, office_user, edu, edu_editor, edu_reviewers, hrss, hrss_editor):
    """The office, 市教育局 (its 2025 report published on 28 January 2026) and 市人社局 (nothing yet)."""
    for user, email in ((office_user, "gkb@enshi.gov.cn"), (edu_editor, "jyj@enshi.gov.cn"),
                        (hrss_editor, "rsj@enshi.gov.cn")):  # fmt: skip
        user.email = email
        user.save(update_fields=["email"])
    report = actions.create_report(edu_editor, 2025, edu)
    actions.edit(edu_editor, report, inputs=ENTERED)
    page = actions.submit(edu_editor, report)
    for step in ("section", "secrecy", "leader"):
        act(page, edu_reviewers[step])
    GovInfoPage.objects.filter(pk=page.pk).update(first_published_at=shanghai(2026, 1, 28, 10))
    return {"edu": edu, "hrss": hrss}


def test_progress_of_the_2025_reports(units):
    rows = progress.progress(2025, None, today=D(2026, 2, 3))
    assert [(r.name, r.due, r.status, r.verdict) for r in rows] == [
        ("恩施市人民政府", D(2026, 3, 31), "未编制", "距期限 56 天"),
        ("恩施市教育局", D(2026, 1, 31), "已发布", "按时公布"),
        ("恩施市人力资源和社会保障局", D(2026, 1, 31), "未编制", "已逾期 3 天"),
    ]  # the office itself owes no report of its own: its work is the government's report
    assert progress.summary(rows) == {"total": 3, "public": 1, "on_time": 1, "overdue": 1}

    GovInfoPage.objects.filter(department=units["edu"]).update(first_published_at=shanghai(2026, 2, 2, 9))
    edu_row = progress.progress(2025, None, today=D(2026, 2, 3))[1]
    assert edu_row.verdict == "逾期 2 天公布" and edu_row.late_days == 2


# (today, reminders sent, who got the last one, what its subject says)
REMINDER_DAYS = [
    (D(2025, 12, 31), 0, None, None),  # December: last year's reports are not due yet
    (D(2026, 1, 20), 0, None, None),  # 11 days before 31 January
    (D(2026, 1, 21), 1, ["gkb@enshi.gov.cn", "rsj@enshi.gov.cn"], "距公布期限还有 10 天"),  # 市人社局 only
    (D(2026, 1, 30), 0, None, None),  # already reminded for this year
    (D(2026, 2, 1), 1, ["gkb@enshi.gov.cn", "rsj@enshi.gov.cn"], "已超过公布期限"),
    (D(2026, 2, 20), 0, None, None),  # overdue is sent once
    (D(2026, 3, 21), 1, ["gkb@enshi.gov.cn"], "距公布期限还有 10 天"),  # the government's, to the office
    (D(2026, 4, 1), 1, ["gkb@enshi.gov.cn"], "已超过公布期限"),
    (D(2026, 7, 1), 0, None, None),  # after June nobody is chased for 2025 any more
]


def test_reminders_on_the_art49_dates(units):
    for today, count, to, subject in REMINDER_DAYS:
        before = len(mail.outbox)
        assert tasks.send_reminders(today=today) == count, today
        assert len(mail.outbox) - before == count, today
        if count:
            assert mail.outbox[-1].to == to, today
            assert subject in mail.outbox[-1].subject, today
    reminders = [m for m in mail.outbox if m.subject.startswith("【政务公开年报】")]
    hrss_mail = [m for m in reminders if "rsj@enshi.gov.cn" in m.to]
    assert "恩施市人力资源和社会保障局2025年政府信息公开工作年度报告应于 2026年01月31日 前向社会公布" in (
        hrss_mail[0].body
    )
    assert "目前状态：未编制" in hrss_mail[0].body and "/admin/annual-reports/" in hrss_mail[0].body
    # 市教育局's report was public in time: never chased
    assert not [m for m in reminders if "jyj@enshi.gov.cn" in m.to]
    assert AnnualReminder.objects.count() == 4


def test_a_report_in_review_is_still_chased(units, hrss, hrss_editor):
    report = actions.create_report(hrss_editor, 2025, hrss)
    actions.edit(hrss_editor, report, inputs=ENTERED)
    actions.submit(hrss_editor, report)
    assert tasks.send_reminders(today=D(2026, 1, 25)) == 1
    assert "目前状态：审核中" in mail.outbox[-1].body


def test_office_sees_the_progress_table(
    client, units, office_user, hrss_editor, django_assert_max_num_queries
):
    client.force_login(office_user)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("annual_reports") + "?year=2025")
    html = response.content.decode()
    assert "2025 年度年报报送进度" in html
    assert "应报 3 家，已公布 1 家（按时 1 家）" in html
    assert "恩施市人力资源和社会保障局" in html and "已逾期" in html  # today is long past 31 January 2026
    assert (
        client.get(reverse("annual_reports") + "?year=二〇二五").status_code == 200
    )  # bad input: default year

    client.force_login(hrss_editor)  # a department sees its own reports, not everyone's progress
    assert "报送进度" not in client.get(reverse("annual_reports")).content.decode()
