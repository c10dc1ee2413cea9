"""The message board's check of the site health monitor (assessment/registry.py): valid messages near or past
3 months without a reply. `now` is passed in; nothing here reads the clock."""

from gongkai.assessment.registry import Check, Finding, Outcome, Severity, admin_url, health_check
from gongkai.core import workdays

from . import clock, stats
from .models import Case, Channel


@health_check(Check.MESSAGES)
def check_messages(now):
    """The message board's valid messages near or past 3 months without a reply (interaction.stats.alarms, the
    board's own rule). Only the 留言 channel: the indicator is about the 政务咨询 column, not 纠错 or 12345.
    No personal data is stored: the query code and dates only."""
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
                url=admin_url("interaction_case", case.pk),
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
