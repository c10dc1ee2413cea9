"""The portal's check of the site health monitor (assessment/registry.py): is the home page updated?
`now` is passed in; nothing here reads the clock."""

from gongkai.assessment.registry import Check, Finding, Outcome, Severity, health_check
from gongkai.core import workdays

from .home import latest_by_column

HOME_WARN_DAYS = 10
HOME_VETO_DAYS = 14


@health_check(Check.HOME)
def check_home(now):
    """The newest dated item the home page shows (portal.home.latest_by_column). 未注明发布时间的信息视为不更新."""
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
