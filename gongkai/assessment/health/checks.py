"""The checks of the site health monitor, one function each, on the national indicators (国办秘函〔2019〕19号,
RULES.md §5). Each reads the other modules through their own functions (the home page's blocks, the messages'
3-month alarms, the guides' key elements, the new-media monitor) and returns an `Outcome`: 正常/预警/否决, a
figure, a Chinese sentence and unsaved `Finding`s. `now` is passed in; nothing here reads the clock.
"""

import re
import urllib.parse
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

from gongkai.core import workdays

from .models import Check, Finding, Severity

# 19号 single-veto lines and the early-warning lines monitoring vendors use (research notes §2.2, §2.6)
HOME_WARN_DAYS = 10
HOME_VETO_DAYS = 14
NEWS_VETO_DAYS = 14  # 动态/要闻 columns idle 2 weeks …
POLICY_VETO_DAYS = 180  # … and 通知公告/政策文件 columns idle 6 months, together ≥ 5 → veto
IDLE_NATIONAL_COLUMNS = 5
IDLE_ANY_COLUMNS = 10  # ≥ 10 columns that should update and have not → veto
EMPTY_VETO_COLUMNS = 5  # ≥ 5 空白栏目 → veto
GUIDE_VETO_ITEMS = 5  # ≥ 5 guides each lacking ≥ services.rules.VETO_MISSING key elements → veto

ORDER = [Severity.VETO, Severity.WARNING, Severity.OK]


def worst(statuses):
    for status in ORDER:
        if status in statuses:
            return status
    return Severity.OK


@dataclass
class Outcome:
    check: str
    status: str
    figure: int | None
    detail: str
    findings: list = field(default_factory=list)


def _admin_url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# --- 首页更新 ---------------------------------------------------------------------------------------------------


def check_home(now):
    """The newest dated item the home page shows (portal.home.latest_by_column). 未注明发布时间的信息视为不更新."""
    from gongkai.portal.home import latest_by_column

    today = workdays.local_date(now)
    dates = [
        item.published_date
        for block in latest_by_column()
        for item in block["items"]
        if item.published_date and item.published_date <= today
    ]
    if not dates:
        finding = Finding(
            check_code=Check.HOME,
            severity=Severity.VETO,
            subject="首页",
            detail="首页未显示任何注明发布日期的信息（视为不更新）",
            url="/",
        )
        return Outcome(Check.HOME, Severity.VETO, None, finding.detail, [finding])
    last = max(dates)
    idle = (today - last).days
    status = (
        Severity.VETO
        if idle >= HOME_VETO_DAYS
        else Severity.WARNING
        if idle >= HOME_WARN_DAYS
        else Severity.OK
    )
    detail = f"首页最近更新 {last:%Y-%m-%d}，距检查日 {idle} 天"
    if status == Severity.VETO:
        detail += f"（超过 {HOME_VETO_DAYS} 天未更新，单项否决）"
    elif status == Severity.WARNING:
        detail += f"（达到 {HOME_WARN_DAYS} 天预警线，{HOME_VETO_DAYS} 天即单项否决）"
    findings = []
    if status != Severity.OK:
        findings.append(
            Finding(check_code=Check.HOME, severity=status, subject="首页", detail=detail, url="/", days=idle)
        )
    return Outcome(Check.HOME, status, idle, detail, findings)


# --- 栏目更新与空白栏目 ---------------------------------------------------------------------------------------------


def _catalog_departments():
    """(path, department) of every department catalog: a column belongs to the catalog above it."""
    from gongkai.disclosure.models import DepartmentCatalogPage

    return [(c.path, c.department) for c in DepartmentCatalogPage.objects.select_related("department")]


def _department_for(path, catalogs):
    for prefix, department in catalogs:
        if path.startswith(prefix):
            return department
    return None


def _column_last_updates(as_of=None, under=None):
    """The live columns, {column pk: newest published_date of its live, not withdrawn items below it} and the
    set of column pks holding any such item (dated or not). One query for the columns, one for the items.
    `as_of`: only items published by that day count; `under`: only the columns and items below that page."""
    from gongkai.disclosure.models import ColumnPage, GovInfoPage

    columns = ColumnPage.objects.live()
    items = GovInfoPage.objects.live().filter(withdrawn=False)
    if under is not None:
        columns, items = columns.descendant_of(under), items.descendant_of(under)
    if as_of is not None:
        items = items.filter(Q(published_date__isnull=True) | Q(published_date__lte=as_of))
    columns = list(columns.only("pk", "path", "depth", "title", "kind", "url_path", "update_cycle_days"))
    by_path = {c.path: c for c in columns}
    steplen = ColumnPage.steplen
    newest, holding = {}, set()
    for path, published in items.values_list("path", "published_date"):
        for depth in range(1, len(path) // steplen):
            column = by_path.get(path[: depth * steplen])
            if column is None:
                continue
            holding.add(column.pk)
            if published and (column.pk not in newest or published > newest[column.pk]):
                newest[column.pk] = published
    return columns, newest, holding


def days_stale(cycle, last, as_of):
    """THE rule of 栏目按周期更新, shared by the health monitor (`check_columns`) and the quarterly indicator
    (`disclosure.columns_updated`): a column with an update cycle whose newest item is `cycle` days old or older on
    `as_of` is stale. Returns the days since that item, or None when the column is within its cycle, has no update
    cycle, or has no dated item (a column with nothing in it is a 空白栏目 — the next check — not counted twice)."""
    if not cycle or last is None:
        return None
    days = (as_of - last).days
    return days if days >= cycle else None


def column_updates(as_of, under=None):
    """[(column, newest item date, days stale or None)] for every live column with an update cycle and a dated
    item published by `as_of` (below `under` if given): the columns judged by the rule, stale or not."""
    columns, newest, _ = _column_last_updates(as_of, under)
    rows = []
    for column in columns:
        cycle, last = getattr(column, "update_cycle_days", None), newest.get(column.pk)
        if not cycle or last is None:
            continue
        rows.append((column, last, days_stale(cycle, last, as_of)))
    return rows


def check_columns(now):
    """Columns with an update cycle (ColumnPage.update_cycle_days) whose newest item is older than the cycle. The
    veto (19号): ≥ 5 columns among 动态/要闻 idle 2 weeks and 通知公告/政策文件 idle 6 months, or ≥ 10 idle columns.
    A column with no item at all is a 空白栏目 (the next check), not counted twice here."""
    from gongkai.disclosure.models import ColumnKind

    today = workdays.local_date(now)
    catalogs = _catalog_departments()
    idle, national = [], []
    for column, last, days in column_updates(today):
        if days is None:
            continue
        cycle = column.update_cycle_days
        department = _department_for(column.path, catalogs)
        who = f"{department.short_name or department.name}·" if department else ""
        finding = Finding(
            check_code=Check.COLUMNS_IDLE,
            severity=Severity.WARNING,
            department=department,
            subject=f"{who}{column.title}",
            detail=f"最近更新 {last:%Y-%m-%d}，已 {days} 天未更新（更新周期 {cycle} 天）",
            url=column.url or "",
            days=days,
            object_type="disclosure.columnpage",
            object_id=str(column.pk),
        )
        idle.append(finding)
        if (column.kind == ColumnKind.NEWS and days >= NEWS_VETO_DAYS) or (
            column.kind in (ColumnKind.NOTICE, ColumnKind.POLICY) and days >= POLICY_VETO_DAYS
        ):
            national.append(finding)
    reasons = []
    if len(national) >= IDLE_NATIONAL_COLUMNS:
        reasons.append(f"动态类栏目 2 周、通知公告/政策文件栏目 6 个月未更新共 {len(national)} 个")
        for f in national:
            f.severity = Severity.VETO
    if len(idle) >= IDLE_ANY_COLUMNS:
        reasons.append(f"应更新未更新栏目 {len(idle)} 个")
        for f in idle:
            f.severity = Severity.VETO
    if reasons:
        status, detail = Severity.VETO, "；".join(reasons) + "（单项否决）"
    elif idle:
        status = Severity.WARNING
        detail = f"{len(idle)} 个栏目超过更新周期未更新（否决线：动态/政策类 {IDLE_NATIONAL_COLUMNS} 个或任意 {IDLE_ANY_COLUMNS} 个）"
    else:
        status, detail = Severity.OK, "设有更新周期的栏目均在周期内更新"
    idle.sort(key=lambda f: -f.days)
    return Outcome(Check.COLUMNS_IDLE, status, len(idle), detail, idle)


def _has_text(html):
    return bool(re.sub(r"\s+", "", strip_tags(html or "")))


def check_empty_columns(now):
    """空白栏目 (有栏目无内容): a live column with no live sub-column, no live item and no 栏目说明. ≥ 5 → veto."""
    from gongkai.disclosure.models import ColumnPage

    columns, _, holding = _column_last_updates()
    steplen = ColumnPage.steplen
    has_child_column = {c.path[:-steplen] for c in columns}
    catalogs = _catalog_departments()
    intros = dict(ColumnPage.objects.live().values_list("pk", "intro"))
    findings = []
    for column in columns:
        if column.path in has_child_column or column.pk in holding or _has_text(intros.get(column.pk)):
            continue
        department = _department_for(column.path, catalogs)
        who = f"{department.short_name or department.name}·" if department else ""
        findings.append(
            Finding(
                check_code=Check.COLUMNS_EMPTY,
                severity=Severity.WARNING,
                department=department,
                subject=f"{who}{column.title}",
                detail="栏目无任何信息，也无栏目说明（空白栏目）",
                url=column.url or "",
                object_type="disclosure.columnpage",
                object_id=str(column.pk),
            )
        )
    if len(findings) >= EMPTY_VETO_COLUMNS:
        for f in findings:
            f.severity = Severity.VETO
        status = Severity.VETO
        detail = f"空白栏目 {len(findings)} 个（达到 {EMPTY_VETO_COLUMNS} 个，单项否决）"
    elif findings:
        status = Severity.WARNING
        detail = f"空白栏目 {len(findings)} 个（{EMPTY_VETO_COLUMNS} 个即单项否决）"
    else:
        status, detail = Severity.OK, "无空白栏目"
    return Outcome(Check.COLUMNS_EMPTY, status, len(findings), detail, findings)


# --- 留言 3 个月未答复 -------------------------------------------------------------------------------------------


def check_messages(now):
    """The message board's valid messages near or past 3 months without a reply (interaction.stats.alarms, the
    board's own rule). Only the 留言 channel: the indicator is about the 政务咨询 column, not 纠错 or 12345.
    No personal data is stored: the query code and dates only."""
    from gongkai.interaction import clock, stats
    from gongkai.interaction.models import Case, Channel

    today = workdays.local_date(now)
    findings = []
    for level, case in stats.alarms(Case.objects.filter(channel=Channel.MESSAGE), now=now):
        received = workdays.local_date(case.received_at)
        limit = clock.add_months(received, clock._setting("ALARM_MONTHS", clock.ALARM_MONTHS))
        severity = Severity.VETO if level == "veto" else Severity.WARNING
        when = (
            "已超过 3 个月未答复（单项否决）"
            if level == "veto"
            else f"临近 3 个月未答复（{limit:%Y-%m-%d} 到线）"
        )
        findings.append(
            Finding(
                check_code=Check.MESSAGES,
                severity=severity,
                department=case.department,
                subject=f"留言 {case.code}",
                detail=f"{received:%Y-%m-%d} 受理，{when}",
                url=_admin_url("interaction_case", case.pk),
                days=(today - received).days,
                object_type="interaction.case",
                object_id=str(case.pk),
            )
        )
    vetoes = sum(f.severity == Severity.VETO for f in findings)
    if vetoes:
        status, detail = Severity.VETO, f"{vetoes} 条有效留言超过 3 个月未答复（单项否决）"
    elif findings:
        status, detail = Severity.WARNING, f"{len(findings)} 条有效留言临近 3 个月未答复"
    else:
        status, detail = Severity.OK, "无临近或超过 3 个月未答复的留言"
    return Outcome(Check.MESSAGES, status, len(findings), detail, findings)


# --- 办事指南关键要素 ---------------------------------------------------------------------------------------------


def check_guides(now):
    """Published service guides lacking any of the ten key elements (services.rules.missing_elements). Veto when
    ≥ 5 guides each lack ≥ VETO_MISSING (4) of them — the reading of 19号 in the research notes §2.2."""
    from gongkai.services.models import ServiceItem
    from gongkai.services.rules import KEY_ELEMENTS, VETO_MISSING, missing_elements

    fields = [name for name, _ in KEY_ELEMENTS]
    findings, serious = [], []
    items = (
        ServiceItem.objects.published()
        .select_related("department")
        .only("pk", "code", "department__name", "department__short_name", *fields)
    )
    for item in items.order_by("department_id", "code").iterator(chunk_size=500):
        missing = missing_elements(item)
        if not missing:
            continue
        finding = Finding(
            check_code=Check.GUIDES,
            severity=Severity.WARNING,
            department=item.department,
            subject=f"{item.name}（{item.code}）"[:300],
            detail=f"办事指南缺少 {len(missing)} 项关键要素：{'、'.join(missing)}",
            url=item.get_absolute_url(),
            object_type="services.serviceitem",
            object_id=str(item.pk),
        )
        findings.append(finding)
        if len(missing) >= VETO_MISSING:
            serious.append(finding)
    if len(serious) >= GUIDE_VETO_ITEMS:
        for f in serious:
            f.severity = Severity.VETO
        status = Severity.VETO
        detail = f"{len(serious)} 个事项的办事指南各缺 {VETO_MISSING} 项以上关键要素（服务不实用，单项否决）"
    elif findings:
        status = Severity.WARNING
        detail = (
            f"{len(findings)} 个事项的办事指南缺少关键要素，其中 {len(serious)} 个缺 {VETO_MISSING} 项以上"
        )
    else:
        status, detail = Severity.OK, "已发布事项的办事指南十项关键要素齐全"
    return Outcome(Check.GUIDES, status, len(findings), detail, findings)


# --- 政务新媒体 ----------------------------------------------------------------------------------------------------


def check_newmedia(now):
    """The new-media monitor (newmedia.services.monitor): 7 days warning (local weekly rule), 2 weeks veto, 僵尸号;
    an account in operation without a working interaction function is a veto too."""
    from gongkai.newmedia import rules, services
    from gongkai.newmedia.models import AccountStatus

    findings = []
    for row in services.monitor(now=now):
        account = row.account
        url = _admin_url("newmedia_account", account.pk)
        if row.freshness != rules.Freshness.OK:
            severity = Severity.WARNING if row.freshness == rules.Freshness.WARNING else Severity.VETO
            last = account.last_post_at
            when = f"最近更新 {workdays.local_date(last):%Y-%m-%d}" if last else "开设以来未登记更新"
            findings.append(
                Finding(
                    check_code=Check.NEWMEDIA,
                    severity=severity,
                    department=account.department,
                    subject=f"{account.get_platform_display()}·{account.name}",
                    detail=f"{row.label}：{when}，已 {row.idle_days} 天未更新",
                    url=url,
                    days=row.idle_days,
                    object_type="newmedia.account",
                    object_id=str(account.pk),
                )
            )
        if account.status == AccountStatus.ACTIVE and not account.has_interaction:
            findings.append(
                Finding(
                    check_code=Check.NEWMEDIA,
                    severity=Severity.VETO,
                    department=account.department,
                    subject=f"{account.get_platform_display()}·{account.name}",
                    detail="未提供有效互动功能（单项否决）",
                    url=url,
                    object_type="newmedia.account",
                    object_id=str(account.pk),
                )
            )
    vetoes = sum(f.severity == Severity.VETO for f in findings)
    accounts = len({f.object_id for f in findings})
    if vetoes:
        status, detail = Severity.VETO, f"{accounts} 个账号存在问题，其中 {vetoes} 项达到单项否决"
    elif findings:
        status, detail = Severity.WARNING, f"{accounts} 个账号超过一周未更新"
    else:
        status, detail = Severity.OK, "在运营账号均按期更新并具备互动功能"
    return Outcome(Check.NEWMEDIA, status, accounts, detail, findings)


# --- 链接与附件 -----------------------------------------------------------------------------------------------------


KIND_LABELS = {"page": "页面", "attachment": "附件或图片", "external": "外部链接"}


def _page_for_url(url, sites_cache):
    """The Wagtail page at a URL of the site, or None."""
    from wagtail.models import Page, Site

    parts = urllib.parse.urlsplit(url)
    if not sites_cache:
        sites_cache.extend(Site.objects.select_related("root_page"))
    site = next((s for s in sites_cache if s.hostname == parts.hostname), None) or next(
        (s for s in sites_cache if s.is_default_site), None
    )
    if site is None:
        return None
    path = urllib.parse.unquote(parts.path or "/")
    url_path = site.root_page.url_path + path.lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    page = Page.objects.filter(url_path=url_path).first()
    return page.specific if page else None


def department_of_page(page):
    from gongkai.org.models import Department

    department = getattr(page, "department", None) if page is not None else None
    return department if isinstance(department, Department) else None


def links_outcome(report):
    """Findings of a crawl (crawler.CrawlReport): one per broken link and page it was found on, attributed to the
    department that owns that page."""
    sites, pages = [], {}
    findings = []
    for broken in report.broken:
        if broken.found_on not in pages:
            pages[broken.found_on] = (
                department_of_page(_page_for_url(broken.found_on, sites)) if broken.found_on else None
            )
        where = (
            f"（所在页面 {urllib.parse.urlsplit(broken.found_on).path}）" if broken.found_on else "（起始页）"
        )
        findings.append(
            Finding(
                check_code=Check.LINKS,
                severity=Severity.WARNING,
                department=pages[broken.found_on],
                subject=broken.url[:300],
                detail=f"{KIND_LABELS.get(broken.kind, '链接')}无法访问：{broken.reason}{where}"[:500],
                url=broken.found_on or broken.url,
                found_on=broken.found_on,
                http_status=broken.status,
                object_type="link",
                object_id="",
            )
        )
    targets = len({b.url for b in report.broken})
    scope = f"抓取 {len(report.pages)} 个页面、检查 {report.links_checked} 个地址"
    if report.stopped:
        scope += f"，{report.stopped}后停止"
    if not report.pages:
        return Outcome(
            Check.LINKS,
            Severity.WARNING,
            targets,
            f"网站首页无法访问，未能检查链接（{report.base_url}）",
            findings,
        )
    if targets:
        return Outcome(
            Check.LINKS, Severity.WARNING, targets, f"{scope}：{targets} 个链接或附件无法访问", findings
        )
    return Outcome(Check.LINKS, Severity.OK, 0, f"{scope}：未发现失效链接", findings)


DATABASE_CHECKS = [
    check_home,
    check_columns,
    check_empty_columns,
    check_messages,
    check_guides,
    check_newmedia,
]
