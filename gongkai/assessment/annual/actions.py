"""State changes of an annual report, one audited action each: create, edit (narrative and entered figures),
recompute, submit for publication.

Who: the disclosure office (政务公开办 / 负责人) makes the government's report and may make or edit any
department's; a department's staff make their own department's only.

Publication: `submit` writes the report as a draft item in the 年报 column of the responsible catalog (the
department's own, or for the government's report that of the office), with the Word file attached, and starts that
catalog's review workflow — through what disclosure registers for it (registry "annual.submit_item"). The page goes live only when the reviewers approve it — nobody publishes by a button
(disclosure/models/permissions.GovInfoPermissionTester). A report whose table 三 does not add up is refused, never submitted.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, roles
from gongkai.core.refusals import NotPermitted
from gongkai.org import sites
from gongkai.org.models import Department

from .. import registry
from . import compute, drafts
from .models import FORMAT_2021, AnnualReport


def government_name():
    """The government whose report it is (GONGKAI_GOVERNMENT_NAME; default the default site's name as the portal
    keeps it, 恩施市人民政府)."""
    configured = getattr(settings, "GONGKAI_GOVERNMENT_NAME", "")
    if configured:
        return configured
    name = registry.provided("annual.government_name")()
    return name if name is not None else "恩施市人民政府"


def scope_name(department):
    return department.name if department is not None else government_name()


def report_title(year, department):
    return f"{scope_name(department)}{year}年政府信息公开工作年度报告"


def may_make(user, department):
    """The office makes the government's report and any department's of its site; a department's staff their
    own."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if roles.is_office(user):
        # an office works for its own site: the government's report is the default site's office's
        if department is None:
            scope, default = sites.user_scope(user), sites.default_site()
            return scope is sites.ALL or scope is None or default is None or scope == default.pk
        return sites.departments_for_user(user).filter(pk=department.pk).exists()
    own = roles.user_department(user)
    return department is not None and own is not None and own.pk == department.pk


def _require(user, department):
    if not may_make(user, department):
        if department is None:
            raise NotPermitted("本级人民政府的年度报告由政务公开办编制。")
        if roles.is_office(user):
            raise NotPermitted("只能编制本网站所属部门的政府信息公开工作年度报告。")
        raise NotPermitted("只能编制本部门的政府信息公开工作年度报告。")


def _check_year(year):
    today = timezone.localdate()
    if not isinstance(year, int) or year < 2008 or year >= today.year + (1 if today.month == 12 else 0):
        # a report covers a whole calendar year: from December the current year may be drafted
        raise ValidationError(
            {"year": f"年度须为 2008 年至 {today.year - 1} 年之间的已结束年度（12 月起可编制当年）。"}
        )


def _fill_drafts(report):
    data = report.data
    name = scope_name(report.department)
    report.overview = drafts.overview(name, report.year, data["facts"])
    report.problems = drafts.problems(name, report.year, data["facts"])
    report.other_matters = drafts.other_matters(name, report.year, data["facts"], report.is_government)


def _locked(report):
    page = report.page
    if page is not None and page.workflow_in_progress:
        raise ValidationError({"__all__": "年报正在审核中，请待审核结束或退回后再修改。"})


@transaction.atomic
def create_report(actor, year, department=None):
    """A new report with the figures computed now and draft texts for sections 一, 五, 六."""
    _require(actor, department)
    _check_year(year)
    exists = AnnualReport.objects.filter(year=year, department=department).exists()
    if exists:
        raise ValidationError({"year": f"{scope_name(department)}{year}年度报告已存在，请在原报告上修改。"})
    report = AnnualReport(
        year=year,
        department=department,
        format_version=FORMAT_2021,
        title=report_title(year, department),
        data=compute.compute(year, department),
        computed_at=timezone.now(),
        inputs={key: {"value": None, "source": ""} for key in compute.INPUT_KEYS},
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _fill_drafts(report)
    report.save()
    audit.record(
        actor,
        "annual.create",
        report,
        after={"year": year, "scope": scope_name(department), "identity_holds": report.balanced},
    )
    return report


@transaction.atomic
def recompute(actor, report, *, redraft=False):
    """Take the figures again from the platform's data (e.g. after a late case was closed). The texts stay as
    edited unless `redraft`."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require(actor, report.department)
    _locked(report)
    before = compute.as_json(report.data)["table3"]["rows"].get(compute.ROW_TOTAL)
    report.data = compute.compute(report.year, report.department)
    report.computed_at = timezone.now()
    if redraft:
        _fill_drafts(report)
    report.save()
    audit.record(
        actor,
        "annual.recompute",
        report,
        before={"（七）总计": before},
        after={
            "（七）总计": compute.as_json(report.data)["table3"]["rows"].get(compute.ROW_TOTAL),
            "identity_holds": report.balanced,
            "redraft": redraft,
        },
    )
    return report


@transaction.atomic
def edit(actor, report, *, overview=None, problems=None, other_matters=None, inputs=None):
    """Edit the narrative sections and the entered table-二 figures (with their sources)."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require(actor, report.department)
    _locked(report)
    errors = {}
    texts = {"overview": overview, "problems": problems, "other_matters": other_matters}
    for field, value in texts.items():
        if value is not None:
            value = value.strip()
            if not value:
                errors[field] = f"“{AnnualReport._meta.get_field(field).verbose_name}”不能为空。"
            texts[field] = value
    cleaned = None
    if inputs is not None:
        cleaned, input_errors = compute.clean_inputs(inputs)
        errors.update(input_errors)
    if errors:
        raise ValidationError(errors)
    before = {"inputs": report.inputs}
    changed = []
    for field, value in texts.items():
        if value is not None and value != getattr(report, field):
            setattr(report, field, value)
            changed.append(field)
    if cleaned is not None and cleaned != report.inputs:
        report.inputs = cleaned
        changed.append("inputs")
    if changed:
        report.save()
        audit.record(
            actor, "annual.edit", report, before=before, after={"changed": changed, "inputs": report.inputs}
        )
    return report


def government_department():
    """Whose catalog carries the government's report: GONGKAI_ANNUAL_GOVERNMENT_DEPARTMENT (a department name),
    by default the disclosure office (政府信息公开工作主管部门, Art. 49)."""
    name = getattr(settings, "GONGKAI_ANNUAL_GOVERNMENT_DEPARTMENT", "")
    qs = Department.objects.filter(active=True)
    department = qs.filter(name=name).first() if name else qs.filter(kind=Department.Kind.OFFICE).first()
    if department is None:
        raise ValidationError({"__all__": "未找到负责发布本级政府年报的部门（政务公开办），请先设置。"})
    return department


def missing_inputs(report):
    return [label for key, label, *_ in compute.INPUTS if (report.inputs.get(key) or {}).get("value") is None]


@transaction.atomic
def submit(actor, report):
    """Write the report into its 年报 column as a draft item (body = the report, the .docx attached) and start
    the review workflow. Refused if the identity of table 三 does not hold or a table-二 figure is missing."""
    from . import render

    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require(actor, report.department)
    _locked(report)
    if not report.balanced:
        raise ValidationError(
            {
                "__all__": "表三勾稽关系不成立（第一项加第二项之和应等于第三项加第四项之和），不能提交发布："
                + "；".join(report.data["table3"]["imbalances"])
            }
        )
    missing = missing_inputs(report)
    if missing:
        raise ValidationError(
            {"__all__": f"表二尚有未填报的数字：{'、'.join(missing)}（无则填 0 并注明来源）。"}
        )
    department = report.department or government_department()
    page, column = registry.provided("annual.submit_item")(
        actor,
        department=department,
        title=report.title,
        summary=f"{scope_name(report.department)}{report.year}年政府信息公开工作年度报告（格式：{report.format_label}）。",
        body=render.body_html(report),
        attachment=(f"annual-report-{report.year}-{department.code}.docx", render.build_docx(report)),
        attachment_title=f"{report.title}.docx",
        page_id=report.page_id,
    )
    first = report.page_id is None
    report.page = page
    report.save(update_fields=["page", "updated_at"])
    audit.record(
        actor,
        "annual.submit",
        report,
        after={"page": page.pk, "column": column.title, "department": department.name, "first": first},
    )
    return page


def report_year_default(today=None):
    today = today or timezone.localdate()
    return today.year - 1 if today.month < 12 else today.year


def due_date(report_or_department, year):
    """Art. 49: departments by 31 January, the government by 31 March of the next year."""
    department = getattr(report_or_department, "department", report_or_department)
    return datetime.date(year + 1, 1, 31) if department is not None else datetime.date(year + 1, 3, 31)
