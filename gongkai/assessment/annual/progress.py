"""报送进度: who owes an annual report for a year, and where each one stands against its Art. 49 date.

Every active department of a site except the disclosure office itself (its work is the government's report) owes
its own report by 31 January; the default site's government owes its report by 31 March. A report counts as made
public on the day its page in the 年报 column first went live; until then it is 未编制, 草稿, 审核中 or 退回, and
`days_left` counts down to the due date (negative: days overdue). Used by the list screen and the reminder job.
"""

import dataclasses
import datetime

from django.utils import timezone

from gongkai.org import sites
from gongkai.org.models import Department

from . import actions
from .models import AnnualReport


@dataclasses.dataclass
class Row:
    name: str
    department: Department | None
    report: AnnualReport | None
    due: datetime.date
    published_on: datetime.date | None
    days_left: int | None  # None once published

    @property
    def status(self):
        return "未编制" if self.report is None else self.report.status

    @property
    def public(self):
        return self.published_on is not None

    @property
    def late_days(self):
        """Days past the due date: of the publication, or (not yet public) of today."""
        if self.published_on is not None:
            return max((self.published_on - self.due).days, 0)
        return max(-self.days_left, 0)

    @property
    def verdict(self):
        if self.published_on is not None:
            return "按时公布" if self.late_days == 0 else f"逾期 {self.late_days} 天公布"
        if self.days_left < 0:
            return f"已逾期 {-self.days_left} 天"
        return f"距期限 {self.days_left} 天"


def units(site):
    """The departments of `site` that owe a report, in their display order."""
    departments = sites.departments_of_site(site) if site is not None else Department.objects.all()
    return list(
        departments.filter(active=True).exclude(kind=Department.Kind.OFFICE).order_by("sort_order", "pk")
    )


def progress(year, site, today=None):
    """The rows of `year` for `site`: the government's first (default site only), then each department's."""
    today = today or timezone.localdate()
    departments = units(site)
    with_government = site is None or site.is_default_site
    reports = AnnualReport.objects.filter(year=year).select_related("page")
    by_department = {r.department_id: r for r in reports.filter(department__in=departments)}
    if with_government:
        by_department[None] = reports.filter(department__isnull=True).first()
    rows = []
    for department in ([None] if with_government else []) + departments:
        report = by_department.get(department.pk if department else None)
        due = actions.due_date(department, year)
        page = report.page if report is not None else None
        published_on = None
        if page is not None and page.live and page.first_published_at is not None:
            published_on = timezone.localdate(page.first_published_at)
        rows.append(
            Row(
                name=actions.scope_name(department),
                department=department,
                report=report,
                due=due,
                published_on=published_on,
                days_left=None if published_on else (due - today).days,
            )
        )
    return rows


def summary(rows):
    public = [r for r in rows if r.public]
    return {
        "total": len(rows),
        "public": len(public),
        "on_time": sum(1 for r in public if r.late_days == 0),
        "overdue": sum(1 for r in rows if not r.public and r.days_left < 0),
    }
