"""The rules of 政务新媒体 management, callable without a request.

- Freshness (RULES.md §5, 国办秘函〔2019〕19号): an account not updated within 2 weeks fails the national check
  (单项否决, "red"); idle more than 3 months puts it on the 僵尸号 list ("zombie"); Enshi's weekly rule is stricter
  and local, so a warning comes at 7 days. The three lines are settings (GONGKAI_NEWMEDIA_WARNING_DAYS,
  …_RED_DAYS, …_ZOMBIE_DAYS) with those defaults. Idle time is calendar time, not working days: the inspection
  counts days on the calendar.
- One account per unit per platform (国办发〔2018〕123号: "同一单位在同一平台原则上只开设一个账号"); an exception
  needs a recorded reason.
- Opening, change and closing are filed under review against a conditions checklist; closing requires a published
  停更公告 first.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from . import clock
from .models import Account, AccountStatus, ApplicationKind


class Freshness:
    OK = "ok"
    WARNING = "warning"
    RED = "red"
    ZOMBIE = "zombie"

    LABELS = {
        OK: "正常",
        WARNING: "预警（超过一周未更新）",
        RED: "红灯（两周未更新，单项否决）",
        ZOMBIE: "僵尸号",
    }
    ORDER = [ZOMBIE, RED, WARNING, OK]


@dataclass(frozen=True)
class Thresholds:
    warning_days: int
    red_days: int
    zombie_days: int


def thresholds():
    return Thresholds(
        warning_days=getattr(settings, "GONGKAI_NEWMEDIA_WARNING_DAYS", 7),
        red_days=getattr(settings, "GONGKAI_NEWMEDIA_RED_DAYS", 14),
        zombie_days=getattr(settings, "GONGKAI_NEWMEDIA_ZOMBIE_DAYS", 90),
    )


def reference_time(account):
    """The last update, or the opening if the account has never posted: a new account starts its clock at once."""
    return account.last_post_at or account.opened_at


def idle_time(last_update, now=None):
    now = now or clock.now()
    return max(now - last_update, datetime.timedelta(0))


def freshness(last_update, now=None, limits=None):
    """RULES.md §5: warning from 7 full days without an update, red from 14 (national veto), 僵尸号 from 90."""
    limits = limits or thresholds()
    idle = idle_time(last_update, now)
    if idle >= datetime.timedelta(days=limits.zombie_days):
        return Freshness.ZOMBIE
    if idle >= datetime.timedelta(days=limits.red_days):
        return Freshness.RED
    if idle >= datetime.timedelta(days=limits.warning_days):
        return Freshness.WARNING
    return Freshness.OK


def account_freshness(account, now=None, limits=None):
    return freshness(reference_time(account), now, limits)


def idle_days(account, now=None):
    return idle_time(reference_time(account), now).days


# --- one account per unit per platform ---------------------------------------------------------------


def same_platform_accounts(department, platform, exclude_pk=None):
    """The unit's other accounts on that platform that still count (not closed)."""
    qs = Account.objects.filter(department=department, platform=platform).exclude(status=AccountStatus.CLOSED)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs


def check_one_per_platform(department, platform, exception_reason="", exclude_pk=None):
    """国办发〔2018〕123号: one unit, one account per platform, unless an exception reason is recorded."""
    others = list(same_platform_accounts(department, platform, exclude_pk).values_list("name", flat=True))
    if others and not (exception_reason or "").strip():
        raise ValidationError(
            {
                "exception_reason": "本单位在该平台已有账号（%(names)s）：原则上一个单位在同一平台只开设一个账号，"
                "确需另开的，须填写例外理由。" % {"names": "、".join(others)}
            }
        )


# --- conditions checklists (开设、变更、关停) ---------------------------------------------------------------

CONDITIONS = {
    ApplicationKind.OPEN: [
        ("necessity", "确有对外发布信息、提供服务的需要，不与本单位已有账号功能重复"),
        ("one_per_platform", "本单位在该平台无其他账号，或已写明例外理由"),
        ("naming", "名称简洁、与职责相关，以本单位名义认证，不以个人名义开设"),
        ("staffing", "已明确运维人员（或购买服务的运维单位）及分管负责人"),
        ("review_system", "已建立信息发布审核制度（先审后发）"),
        ("interaction", "具备有效互动功能并明确留言回复机制"),
        ("security", "账号密码与安全管理责任已落实"),
    ],
    ApplicationKind.CHANGE: [
        ("reason_clear", "变更事项与理由清楚"),
        ("certification", "平台认证信息将同步变更"),
        ("review_system", "变更后仍执行信息发布审核制度"),
    ],
    ApplicationKind.CLOSE: [
        ("notice_published", "已在本账号发布停更公告"),
        ("content_archived", "历史发布内容已归档"),
        ("followers_guided", "已引导关注者转至本单位主账号或其他渠道"),
        ("filing", "将在全国政务新媒体信息报送系统办理注销"),
    ],
}


def conditions_for(kind):
    return CONDITIONS[ApplicationKind(kind)]


def missing_conditions(kind, checked):
    checked = set(checked or ())
    return [label for key, label in conditions_for(kind) if key not in checked]


def check_can_close(account):
    """RULES.md §5: a 停更公告 is published on the account before it may be closed."""
    if account.status == AccountStatus.CLOSED:
        raise ValidationError({"account": "该账号已关停。"})
    if account.status != AccountStatus.CLOSING_NOTICE or not account.closing_notice_url:
        raise ValidationError({"account": "关停前须先发布停更公告，并登记公告链接。"})


# --- pushes (专项信息推送) --------------------------------------------------------------------------------


class PushState:
    CARRIED = "carried"
    CARRIED_LATE = "carried_late"
    PENDING = "pending"
    LATE = "late"

    LABELS = {
        CARRIED: "已转发",
        CARRIED_LATE: "已转发（逾期）",
        PENDING: "待转发",
        LATE: "逾期未转发",
    }


def local_date(moment):
    return timezone.localtime(moment).date()


def push_target_state(target, deadline, now=None):
    """Carried on time when confirmed by the end of the deadline day (Asia/Shanghai); late otherwise."""
    today = local_date(now or clock.now())
    if target.confirmed_at:
        return PushState.CARRIED if local_date(target.confirmed_at) <= deadline else PushState.CARRIED_LATE
    return PushState.LATE if today > deadline else PushState.PENDING
