"""GET /api/v1/newmedia/accounts: the city's new-media accounts with their freshness (MISSION B6, RULES.md §5)."""

import datetime
from typing import Literal

from ninja import Router, Schema, Status

from gongkai.org import sites

from . import clock, services
from .models import Account, AccountStatus, Platform

router = Router(tags=["政务新媒体"])
PREFIX = "/newmedia"


class AccountOut(Schema):
    name: str
    platform: str
    department: str
    status: str
    last_update: datetime.datetime | None
    freshness: Literal["ok", "warning", "red", "zombie"]


class ErrorOut(Schema):
    errors: dict[str, str]


@router.get("/accounts", response={200: list[AccountOut], 400: ErrorOut}, summary="政务新媒体账号及更新状态")
def accounts(request, platform: str = "", department: str = "", freshness: str = ""):
    """Accounts in operation or under a 停更公告 (closed accounts are no longer inspected), with the last update
    and freshness: ok, warning (7 days without an update, the city's weekly rule), red (14 days, national veto),
    zombie (90 days, 僵尸号). Optional filters: platform (e.g. `wechat`), department (name), freshness."""
    errors = {}
    if platform and platform not in Platform.values:
        errors["platform"] = "平台取值应为：" + "、".join(Platform.values)
    if freshness and freshness not in ("ok", "warning", "red", "zombie"):
        errors["freshness"] = "更新状态取值应为 ok、warning、red 或 zombie。"
    site = sites.current_site(request)
    if department and not sites.departments_of_site(site).filter(name=department).exists():
        errors["department"] = "没有该部门。"
    if errors:
        return Status(400, {"errors": errors})
    qs = sites.public_filter(Account.objects.exclude(status=AccountStatus.CLOSED), site)
    if platform:
        qs = qs.filter(platform=platform)
    if department:
        qs = qs.filter(department__name=department)
    rows = services.monitor(qs, now=clock.now())
    platforms = {value: i for i, value in enumerate(Platform.values)}
    rows.sort(
        key=lambda r: (
            r.account.department.sort_order,
            r.account.department_id,
            platforms[r.account.platform],
            r.account.name,
        )
    )
    return [
        {
            "name": r.account.name,
            "platform": r.account.get_platform_display(),
            "department": r.account.department.name,
            "status": r.account.get_status_display(),
            "last_update": r.account.last_post_at,
            "freshness": r.freshness,
        }
        for r in rows
        if not freshness or r.freshness == freshness
    ]
