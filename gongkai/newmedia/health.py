"""政务新媒体's check of the site health monitor (assessment/registry.py): the new-media monitor's verdicts, and
accounts without a working interaction function. `now` is passed in; nothing here reads the clock."""

from gongkai.assessment.registry import Check, Finding, Outcome, Severity, admin_url, health_check
from gongkai.core import workdays

from . import rules, services
from .models import AccountStatus


@health_check(Check.NEWMEDIA)
def check_newmedia(now):
    """The new-media monitor (newmedia.services.monitor): 7 days warning (local weekly rule), 2 weeks veto, 僵尸号;
    an account in operation without a working interaction function is a veto too."""
    findings = []
    for row in services.monitor(now=now):
        account = row.account
        url = admin_url("newmedia_account", account.pk)
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
