"""Audited state changes of government-information items that are not Wagtail workflow steps: publication
bookkeeping, withdrawal (撤稿), validity changes, and overriding a blocking pre-check finding."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, roles
from gongkai.core.refusals import NotPermitted
from gongkai.org import sites

from .models import GovInfoPage, PrecheckResult, PublicationRecord, Validity
from .rules import next_index_no


def _label(user):
    if user is None:
        return "系统（定时发布）"
    return f"{user.get_full_name() or user.get_username()}（{user.get_username()}）"


def may_manage_published(user, page):
    """The office, or the department's leader (分管领导), may withdraw an item or change its validity."""
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if roles.is_office(user):  # the office of the item's own site (集约化)
        return sites.may_see_site(user, page.department.site_id)
    profile = getattr(user, "staff", None)
    return (
        roles.has_role(user, roles.REVIEWER_LEADER)
        and profile is not None
        and profile.department_id == page.department_id
    )


def approvals_for(page):
    """Each approved review step of the workflow that published the page: step, reviewer, time, comment."""
    from wagtail.models import TaskState, WorkflowState

    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .order_by("-created_at")
        .first()
    )
    if state is None:
        return []
    steps = (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_APPROVED)
        .select_related("task", "finished_by")
        .order_by("finished_at")
    )
    return [
        {
            "step": s.task.name,
            "by": _label(s.finished_by),
            "at": s.finished_at.isoformat() if s.finished_at else None,
            "comment": s.comment,
        }
        for s in steps
    ]


@transaction.atomic
def record_publication(page, revision, user):
    """On every publication: the 索引号 and 发布日期 at the first one (system-set, today — never back-dated), and a
    record of who produced, kept, approved and published it (谁制作谁公开、谁公开谁负责)."""
    page = (
        GovInfoPage.objects.select_for_update(of=("self",))
        .select_related("department", "owner")
        .get(pk=page.pk)
    )
    now = timezone.now()
    first = not page.index_no
    if first:
        today = timezone.localdate(now)
        page.index_no = next_index_no(page.department.code, today.year)
        page.published_date = today
        GovInfoPage.objects.filter(pk=page.pk).update(index_no=page.index_no, published_date=today)
        lift_none_yet(page)
    # the maker is the owner: who created the item, or who copied it (a copy carries the original's revisions)
    producer = page.owner
    if producer is None:
        first_revision = page.revisions.order_by("created_at").first()
        producer = first_revision.user if first_revision and first_revision.user_id else None
    record = PublicationRecord.objects.create(
        page=page,
        revision=revision,
        published_at=now,
        index_no=page.index_no,
        produced_by=_label(producer) if producer else "未知",
        kept_by=page.kept_by or page.department.name,
        approvals=approvals_for(page),
        published_by=_label(user),
        scheduled=user is None,
    )
    audit.record(
        user,
        "disclosure.publish" if first else "disclosure.republish",
        page,
        after={
            "索引号": page.index_no,
            "发布日期": page.published_date,
            "revision": revision.pk if revision else None,
            "制作": record.produced_by,
            "保存": record.kept_by,
            "审核": record.approvals,
            "发布": record.published_by,
        },
    )
    return record


@transaction.atomic
def withdraw(actor, page, reason):
    """撤稿: the item stays at its address, its body hidden, with the date and reason of withdrawal shown."""
    page = GovInfoPage.objects.select_for_update().get(pk=page.pk)
    if not may_manage_published(actor, page):
        raise NotPermitted("只有政务公开办或本部门分管领导可以撤稿。")
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": "撤稿须书面说明原因（至少 5 个字）。"})
    if page.withdrawn:
        raise ValidationError({"reason": "该信息已撤稿。"})
    if not page.live:
        raise ValidationError({"reason": "未发布的信息无需撤稿。"})
    now = timezone.now()
    GovInfoPage.objects.filter(pk=page.pk).update(
        withdrawn=True, withdrawn_at=now, withdrawn_reason=reason[:200]
    )
    audit.record(
        actor,
        "disclosure.withdraw",
        page,
        before={"withdrawn": False},
        after={"withdrawn": True, "reason": reason},
    )
    transaction.on_commit(lambda: _after_change(page.pk))


@transaction.atomic
def change_validity(actor, page, validity, *, date=None, note=""):
    """失效 / 废止 / 修改: the item stays online with its status marked (RULES.md §4)."""
    page = GovInfoPage.objects.select_for_update().get(pk=page.pk)
    if not may_manage_published(actor, page):
        raise NotPermitted("只有政务公开办或本部门分管领导可以变更有效性。")
    if validity not in Validity.values:
        raise ValidationError({"validity": "有效性取值不正确。"})
    note = (note or "").strip()
    if validity != Validity.VALID and not (date or note):
        raise ValidationError(
            {"note": "失效、废止或修改须注明日期或说明（如：已被恩施市政办发〔2026〕5号废止）。"}
        )
    if date and date > timezone.localdate():
        raise ValidationError({"date": "失效日期不能晚于今天；到期失效请在到期后变更。"})
    before = {"validity": page.validity, "expiry_date": page.expiry_date, "note": page.validity_note}
    expiry = date if validity != Validity.VALID else None
    GovInfoPage.objects.filter(pk=page.pk).update(
        validity=validity, expiry_date=expiry, validity_note=note[:200]
    )
    audit.record(
        actor,
        "disclosure.change_validity",
        page,
        before=before,
        after={"validity": validity, "expiry_date": expiry, "note": note},
    )
    transaction.on_commit(lambda: _after_change(page.pk))


@transaction.atomic
def override_precheck(actor, page, reason):
    """A reviewer lets a blocking pre-check finding through, with a written reason (audited)."""
    from .precheck import latest_result

    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"comment": "放行阻断项必须书面说明理由（至少 10 个字）。"})
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    result = latest_result(page)
    if result is None or not result.blocking:
        raise ValidationError({"comment": "没有需要放行的阻断项。"})
    PrecheckResult.objects.filter(pk=result.pk).update(
        override_reason=reason, override_by=actor, override_at=timezone.now()
    )
    audit.record(
        actor,
        "disclosure.override_precheck",
        page,
        before={"blocking": [f["message"] for f in result.blocking]},
        after={"override": True},
        note=reason,
    )


def _after_change(page_id):
    from .events import item_changed

    item_changed(page_id)


def draft_from_foi_reply(actor, application):
    """Art. 44: a reply many people ask for becomes proactive disclosure — a draft item in the responsible
    department's catalog (依申请公开 column) with the reply as its body, submitted to the department's review like
    any other item. The applicant's identity never enters the item."""
    import html

    from wagtail.models import Page

    from gongkai.portal.setup import ensure_home

    from . import setup
    from .models import ColumnPage, DepartmentCatalogPage, Topic

    department = application.department
    catalog = DepartmentCatalogPage.objects.filter(department=department).first()
    if catalog is None:
        # every department has a catalog subtree; build it if this is the department's first item
        site = department.site
        home = site.root_page.specific if site is not None else ensure_home()
        catalog = setup.ensure_department_catalog(setup.ensure_root(home), department)
    column = (
        ColumnPage.objects.child_of(catalog).filter(slug="ysqgk").first()
        or ColumnPage.objects.descendant_of(catalog).filter(kind="notice").first()
    )
    topic = Topic.objects.filter(name="政务公开", parent__isnull=False).first()
    description = " ".join(application.description.split())
    title = f"依申请公开转主动公开：{description[:50]}"
    body = "".join(
        f"<p>{html.escape(line)}</p>" for line in application.reply_text.splitlines() if line.strip()
    )
    page = GovInfoPage(
        title=title,
        department=department,
        topic=topic,
        genre="其他",
        written_date=timezone.localdate(),
        summary="本信息经依申请公开答复后，因公众普遍关注，依《政府信息公开条例》第四十四条转为主动公开。",
        body=body or "<p>（答复内容见附件）</p>",
        live=False,
        owner=actor,
        keywords="依申请公开 主动公开",
    )
    column.add_child(instance=page)
    page.save_revision(user=actor)
    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, actor)
    audit.record(actor, "disclosure.draft_from_foi", page, after={"foi": application.tracking_code})
    return page


def submit_generated_item(
    actor, *, department, title, summary, body, attachment, attachment_title, page_id=None
):
    """A report generated elsewhere (the 政府信息公开年报 of assessment/annual) written as an item of the 年报 column
    of `department`'s catalog — built if the catalog lacks it — with its Word file attached, and sent into that
    catalog's review workflow (resumed where a reviewer returned it). `page_id`: the item of an earlier
    submission, updated in place. The page goes live only when the reviewers approve it. `attachment` is a
    (file name, bytes) pair. Returns (page, column). The caller's own action is the audited one (annual.submit)
    and holds the transaction."""
    from django.core.files.base import ContentFile
    from wagtail.models import Page

    from gongkai.portal.setup import ensure_home

    from . import setup
    from .models import ColumnKind, ColumnPage, DepartmentCatalogPage, GovDocument, ItemAttachment, Topic

    catalog = DepartmentCatalogPage.objects.filter(department=department).first()
    if (
        catalog is None
        or not ColumnPage.objects.child_of(catalog).filter(kind=ColumnKind.ANNUAL_REPORT).exists()
    ):
        catalog = setup.ensure_department_catalog(setup.ensure_root(ensure_home()), department)
    column = ColumnPage.objects.child_of(catalog).filter(kind=ColumnKind.ANNUAL_REPORT).first()
    if column is None:
        raise ValidationError({"__all__": "该部门目录没有“政府信息公开年报”栏目。"})
    file_name, content = attachment
    document = GovDocument(title=f"{title}（Word 版）")
    document.file.save(file_name, ContentFile(content), save=False)
    document.save()
    if page_id is None:
        page = GovInfoPage(
            title=title,
            department=department,
            topic=Topic.objects.filter(name="政务公开", parent__isnull=False).first(),
            genre="报告",
            written_date=timezone.localdate(),
            summary=summary,
            body=body,
            live=False,
            owner=actor,
            keywords="政府信息公开 年度报告",
        )
        column.add_child(instance=page)
    else:
        page = GovInfoPage.objects.get(pk=page_id)
        page.title = title
        page.body = body
        page.summary = summary
    page.attachments = [ItemAttachment(document=document, title=attachment_title)]
    page.save_revision(user=actor)
    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError({"__all__": "该目录未配置审核流程，不能提交。"})
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(actor)  # sent back by a reviewer: the corrected report goes on from the returning step
    else:
        workflow.start(page, actor)
    return page, column


def lift_none_yet(page):
    """The first item in a column marked 本单位暂无 ends the mark (不涉及 stays: the office decided it), so a column
    whose items are later withdrawn is blank again rather than hiding behind an old note. Part of the publication
    the caller records."""
    from .models import Absence, ColumnPage

    ColumnPage.objects.ancestor_of(page).filter(absence=Absence.NONE_YET).update(
        absence="", absence_note="", absence_since=None
    )


def may_manage_columns(user, site_id):
    """The office of the site (集约化: another site's office may not), or a superuser."""
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return roles.is_office(user) and sites.may_see_site(user, site_id)


@transaction.atomic
def save_column_template(actor, site, kind, body):
    """The office saves its template of a standard column (指南, 制度, 依申请公开) for its site; every department's
    column of that kind on the site is regenerated from it at once (standard_columns.py)."""
    from . import standard_columns
    from .models import TEMPLATED_KINDS, ColumnTemplate

    if not may_manage_columns(actor, site.pk):
        raise NotPermitted("只有本站点的政务公开办可以修改标准栏目模板。")
    if kind not in TEMPLATED_KINDS:
        raise ValidationError({"kind": "只有政府信息公开指南、政府信息公开制度和依申请公开栏目使用模板。"})
    body = (body or "").strip()
    if len(re.sub(r"<[^>]+>|\s", "", body)) < 20:
        raise ValidationError({"body": "模板正文不能为空（至少 20 个字）。"})
    template = ColumnTemplate.objects.select_for_update().filter(site=site, kind=kind).first()
    before = template.body if template else None
    if template is None:
        template = ColumnTemplate(site=site, kind=kind)
    template.body = body
    template.save()
    changed = standard_columns.generate_site(site, kinds=(kind,))
    audit.record(
        actor,
        "disclosure.save_column_template",
        template,
        before={"body": before} if before is not None else None,
        after={"body": body, "regenerated_columns": changed},
    )
    return changed


@transaction.atomic
def mark_column_absence(actor, column, absence, note):
    """The office marks a column a department has nothing for 本单位暂无 or 不涉及, with the 栏目说明 citizens see
    instead of an empty list (the health monitor accepts it, not as a 空白栏目); absence "" lifts the mark."""
    from .models import Absence, ColumnPage

    column = ColumnPage.objects.select_for_update().get(pk=column.pk)
    site = column.get_site()
    if not may_manage_columns(actor, site.pk if site else None):
        raise NotPermitted("只有本站点的政务公开办可以标注栏目“本单位暂无/不涉及”。")
    note = (note or "").strip()
    if absence and absence not in Absence.values:
        raise ValidationError({"absence": "标注取值不正确，请选择“本单位暂无”或“不涉及”。"})
    if absence and len(note) < 10:
        raise ValidationError(
            {"note": "请填写栏目说明（至少 10 个字），说明本单位为何暂无或不涉及此类信息。"}
        )
    if len(note) > 300:
        raise ValidationError({"note": "栏目说明不超过 300 字。"})
    before = {"absence": column.absence, "note": column.absence_note}
    since = timezone.localdate() if absence else None
    ColumnPage.objects.filter(pk=column.pk).update(
        absence=absence or "", absence_note=note if absence else "", absence_since=since
    )
    audit.record(
        actor,
        "disclosure.mark_column_absence",
        column,
        before=before,
        after={"absence": absence or "", "note": note if absence else ""},
    )
