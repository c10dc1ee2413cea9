"""Demo annual reports for 2025: the government's (恩施市人民政府) and those of a few departments, made through the
action functions and published through the review workflow of their catalog — the government's by the office's
own three reviewers (demo accounts added here), the departments' by their reviewers where the demo has them.
Idempotent: a report that exists is left as it is.

Table 二's entered figures are demo values with a source marked "演示数据".
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page

from gongkai.assessment.annual import actions, compute
from gongkai.assessment.annual.models import AnnualReport
from gongkai.core import roles
from gongkai.org.models import Department

YEAR = 2025

# per scope (None = the government): entered figures of table 二 (行政许可, 行政处罚, 行政强制, 收费万元)
FIGURES = {
    None: (18236, 1452, 87, "1236.52"),
    "恩施市教育局": (412, 6, 0, "0"),
    "恩施市人力资源和社会保障局": (2683, 17, 0, "12.40"),
    "恩施市民政局": (356, 2, 0, "0"),
}
SOURCES = {
    "licensing": "市政数局政务服务一体化平台年度统计（演示数据）",
    "penalty": "湖北省行政执法监督平台年度统计（演示数据）",
    "coercion": "湖北省行政执法监督平台年度统计（演示数据）",
    "fees_wan": "市财政局非税收入管理系统（演示数据）",
}

# the office's own review chain, so its catalog (where the government's report sits) can be reviewed
OFFICE_REVIEWERS = [
    ("gkb_chushen", "冉红霞", roles.REVIEWER_SECTION, "政务公开办科室负责人：初审"),
    ("gkb_baomi", "彭立军", roles.REVIEWER_SECRECY, "政务公开办保密审查员"),
    ("gkb_leader", "胡文斌", roles.REVIEWER_LEADER, "政务公开办分管领导：终审"),
]
DEPARTMENT_REVIEWERS = {
    "恩施市教育局": ("jyj_chushen", "jyj_baomi", "jyj_leader"),
    "恩施市人力资源和社会保障局": ("rsj_chushen", "rsj_baomi", "rsj_leader"),
}


def _office_reviewers(office):
    from gongkai.demo.org import DEMO_PASSWORD, create_demo_staff

    User = get_user_model()
    logins = []
    for username, name, role, description in OFFICE_REVIEWERS:
        if not User.objects.filter(username=username).exists():
            with transaction.atomic():
                create_demo_staff(
                    username=username,
                    full_name=name,
                    department=office,
                    role_list=[role],
                )
        logins.append((username, DEMO_PASSWORD, description))
    return logins


def _approve(page, usernames):
    User = get_user_model()
    for username in usernames:
        page = Page.objects.get(pk=page.pk).specific
        state = page.current_workflow_task_state
        if state is None:
            return
        state = state.specific
        state.task.specific.on_action(
            state, User.objects.get(username=username), "approve", comment="同意发布"
        )


def _make(actor, department, figures, reviewers, publish=True):
    if AnnualReport.objects.filter(year=YEAR, department=department).exists():
        return AnnualReport.objects.get(year=YEAR, department=department), False
    report = actions.create_report(actor, YEAR, department)
    inputs = {
        key: {"value": str(value), "source": SOURCES[key]}
        for key, value in zip(compute.INPUT_KEYS, figures, strict=True)
    }
    report = actions.edit(actor, report, inputs=inputs)
    if not report.balanced:
        return report, True  # reported on the admin list; never submitted
    if publish:
        page = actions.submit(actor, report)
        _approve(page, reviewers)
    return report, True


def load(stdout):
    """Demo data of this part (called by assessment/demo.py)."""
    User = get_user_model()
    office_user = User.objects.filter(username="gkb").first()
    office = Department.objects.filter(kind=Department.Kind.OFFICE).first()
    if office_user is None or office is None:
        stdout.write("  年报：缺少政务公开办演示账号，跳过")
        return None
    logins = _office_reviewers(office)
    made = []
    report, new = _make(office_user, None, FIGURES[None], [u for u, *_ in OFFICE_REVIEWERS])
    made.append((report, new))
    editors = {"恩施市教育局": "jyj_editor", "恩施市人力资源和社会保障局": "rsj_editor"}
    for name, figures in FIGURES.items():
        if name is None:
            continue
        department = Department.objects.filter(name=name).first()
        if department is None:
            continue
        actor = User.objects.filter(username=editors.get(name, "gkb")).first() or office_user
        reviewers = DEPARTMENT_REVIEWERS.get(name)
        # 市民政局 has no reviewer accounts in the demo: its report is left as a draft for the office to look at
        report, new = _make(actor, department, figures, reviewers or (), publish=reviewers is not None)
        made.append((report, new))
    for report, new in made:
        report.refresh_from_db()
        state = "新建" if new else "已有"
        stdout.write(
            f"  年报：{report.title}（{state}，{report.status}，勾稽关系{'成立' if report.balanced else '不成立'}）"
        )
    return {"logins": logins}
