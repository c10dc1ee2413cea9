"""Building the catalog: the root, one subtree per department with the standard columns, the department's page
permissions (add and edit only — nobody publishes an item except through review) and the default review
workflow 初审 → 保密审查 → 终审. Idempotent; used by the demo and by `gongkai disclosure setup`."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from gongkai.core import roles
from gongkai.org import sites

from . import standard_columns
from .models import ColumnKind, ColumnPage, DepartmentCatalogPage, DepartmentReviewTask, DisclosureRootPage

STANDARD_COLUMNS = [
    # (title, slug, kind, update cycle in days, sub-columns)
    ("政府信息公开指南", "zhinan", ColumnKind.GUIDE, None, []),
    ("政府信息公开制度", "zhidu", ColumnKind.RULES, None, []),
    (
        "法定主动公开内容",
        "fdzdgknr",
        ColumnKind.STATUTORY,
        None,
        [
            ("政策文件", "zcwj", ColumnKind.POLICY, 180),
            ("政策解读", "zcjd", ColumnKind.INTERPRETATION, 180),
            ("图解", "tj", ColumnKind.GRAPHIC, 180),
            ("通知公告", "tzgg", ColumnKind.NOTICE, 180),
            ("工作动态", "gzdt", ColumnKind.NEWS, 14),
        ],
    ),
    ("政府信息公开年报", "gknb", ColumnKind.ANNUAL_REPORT, None, []),
    ("依申请公开", "ysqgk", ColumnKind.ON_REQUEST, None, []),
]

DEFAULT_WORKFLOW = "三审（初审→保密审查→终审）"
STEPS = [
    ("初审（科室负责人）", DepartmentReviewTask.Role.SECTION),
    ("保密审查", DepartmentReviewTask.Role.SECRECY),
    ("终审（分管领导）", DepartmentReviewTask.Role.LEADER),
]


def _publish_new(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish(skip_permission_checks=True)
    return page


def ensure_root(home):
    root = DisclosureRootPage.objects.child_of(home).first()
    if root is None:
        root = _publish_new(
            home,
            DisclosureRootPage(
                title="政府信息公开",
                slug="xxgk",
                show_in_menus=False,
                intro="<p>以公开为常态、不公开为例外。本目录按部门编排，涵盖政府信息公开指南、制度、法定主动公开内容、年报和依申请公开。</p>",
            ),
        )
    # 集约化 (docs/multisite.md): the page permissions on a site's catalog go to that site's office group, so the
    # office of one site cannot edit another site's catalog; without a site, the office role's group as before
    site = home.get_site()
    office = sites.office_group(site) if site is not None else Group.objects.get(name=roles.OFFICE)
    grant_media_permissions(office)
    if site is not None:
        for user in get_user_model().objects.filter(groups__name__in=roles.OFFICE_ROLES).distinct():
            sites.sync_office_groups(user)
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=office,
            page=root,
            permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
        )
    return root


def ensure_default_workflow():
    workflow, created = Workflow.objects.get_or_create(name=DEFAULT_WORKFLOW)
    if created:
        for order, (name, role) in enumerate(STEPS):
            task = DepartmentReviewTask.objects.filter(
                name=name, role=role
            ).first() or DepartmentReviewTask.objects.create(name=name, role=role)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def grant_media_permissions(group):
    """Staff upload attachments and 图解 images, and choose them, in the root collection; what they uploaded stays
    theirs to edit (Wagtail's owner rule). Wagtail checks document permissions on wagtaildocs.Document even with a
    custom document model (GovDocument), so that is where they are granted."""
    from wagtail.models import Collection, GroupCollectionPermission

    collection = Collection.get_first_root_node()
    for app_label, codenames in (
        ("wagtaildocs", ("add_document", "choose_document")),
        ("wagtailimages", ("add_image", "choose_image")),
    ):
        for codename in codenames:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )


def _ensure_columns(parent, columns):
    for title, slug, kind, cycle, *children in columns:
        column = ColumnPage.objects.child_of(parent).filter(slug=slug).first()
        if column is None:
            column = _publish_new(
                parent, ColumnPage(title=title, slug=slug, kind=kind, update_cycle_days=cycle)
            )
        if children and children[0]:
            _ensure_columns(column, [(t, s, k, c) for t, s, k, c in children[0]])


@transaction.atomic
def ensure_department_catalog(root, department, slug=None, workflow=None):
    catalog = DepartmentCatalogPage.objects.filter(department=department).first()
    new = catalog is None
    if new:
        base = slug or department_slug(department)
        slug, n = base, 1
        while Page.objects.child_of(root).filter(slug=slug).exists():
            n += 1
            slug = f"{base}{n}"
        catalog = _publish_new(
            root, DepartmentCatalogPage(title=department.name, slug=slug, department=department)
        )
    _ensure_columns(catalog, STANDARD_COLUMNS)
    # no empty column, ever (standard_columns.py): 指南, 制度 and 依申请公开 from the office's templates, and a new
    # department's other columns marked 本单位暂无 until their first item
    standard_columns.generate(catalog)
    if new:
        standard_columns.mark_new_catalog(catalog, timezone.localdate())
    group = department.staff_group()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=catalog,
            permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
        )
    grant_media_permissions(group)
    workflow = workflow or ensure_default_workflow()
    WorkflowPage.objects.get_or_create(page=Page.objects.get(pk=catalog.pk), defaults={"workflow": workflow})
    return catalog


def ensure_catalog_for(department):
    """The department's catalog under the 政府信息公开 root of its site (the default site when it has none); None
    while that site has no root yet (a fresh installation before `gongkai demo` or the office's set-up)."""
    site = department.site or sites.default_site()
    if site is None:
        return None
    root = DisclosureRootPage.objects.child_of(site.root_page).first()
    if root is None:
        return None
    return ensure_department_catalog(root, department)


def column(catalog, *slugs):
    page = catalog
    for slug in slugs:
        page = ColumnPage.objects.child_of(page).get(slug=slug)
    return page


def department_slug(department):
    """Pinyin initials of the short name: 市教育局 → jyj."""
    from pypinyin import Style, lazy_pinyin

    short = (department.short_name or department.name).replace("恩施市", "").removeprefix("市")
    return "".join(lazy_pinyin(short, style=Style.FIRST_LETTER))[:10].lower() or "dept"
