"""The service guides' check of the site health monitor (assessment/registry.py): published guides lacking key
elements. `now` is passed in and not needed: the guides' state is what is stored."""

from gongkai.assessment.registry import Check, Finding, Outcome, Severity, health_check

from .models import ServiceItem
from .rules import KEY_ELEMENTS, VETO_MISSING, missing_elements

GUIDE_VETO_ITEMS = 5  # ≥ 5 guides each lacking ≥ services.rules.VETO_MISSING key elements → veto


@health_check(Check.GUIDES)
def check_guides(now):
    """Published service guides lacking any of the ten key elements (services.rules.missing_elements). Veto when
    ≥ 5 guides each lack ≥ VETO_MISSING (4) of them — the reading of 19号 in the research notes §2.2."""
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
