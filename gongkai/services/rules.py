"""Rules of the service guide (办事指南) and of the reform record, callable without a request."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReformKind(models.TextChoices):
    """清、减、降、放 (F17)."""

    DOCUMENTS = "documents", _("清文件")
    MATERIALS = "materials", _("减材料")
    FEES = "fees", _("降费用")
    DELEGATION = "delegation", _("放权限")


REFORM_FLAG = {
    ReformKind.DOCUMENTS: "reform_documents",
    ReformKind.MATERIALS: "reform_materials",
    ReformKind.FEES: "reform_fees",
    ReformKind.DELEGATION: "reform_delegation",
}

# RULES.md §5: a guide lacking key elements is a veto item (服务不实用) of the national inspection indicators.
KEY_ELEMENTS = [
    ("name", "事项名称"),
    ("basis", "设定依据"),
    ("conditions", "申请条件"),
    ("materials", "办理材料"),
    ("location", "办理地点"),
    ("agency", "办理机构"),
    ("fee", "收费标准"),
    ("hours", "办理时间"),
    ("phone", "联系电话"),
    ("process", "办理流程"),
]
KEY_ELEMENT_LABELS = dict(KEY_ELEMENTS)

# A guide missing this many of the ten key elements or more cannot be published (the lead's reading of the
# national veto rule: one or two gaps are deductions, four or more make the guide unusable).
VETO_MISSING = 4


def missing_elements(item):
    """The labels of the key elements (RULES.md §5) that the item's guide leaves empty."""
    return [label for field, label in KEY_ELEMENTS if not str(getattr(item, field, "") or "").strip()]


@dataclass
class VetoResult:
    publishable: bool
    missing: list

    @property
    def message(self):
        if self.publishable:
            return ""
        return "办事指南缺少 %(n)d 项关键要素（%(list)s），按检查指标单项否决，不能发布。" % {
            "n": len(self.missing),
            "list": "、".join(self.missing),
        }


def veto_check(item):
    """RULES.md §5 veto: missing ≥ VETO_MISSING of the ten key elements → not publishable."""
    missing = missing_elements(item)
    return VetoResult(len(missing) < VETO_MISSING, missing)


def refresh_derived(item, reforms=None):
    """Set the stored facet columns from the item's own fields and its reform records (F17 facets).
    `reforms` may be passed when the records are not saved yet (bulk loads)."""
    refresh_guide_fields(item)
    kinds = {r.kind for r in (reforms if reforms is not None else item.reforms.all())}
    for kind, flag in REFORM_FLAG.items():
        setattr(item, flag, kind in kinds)
    return item


def theme_mask(themes):
    """The item's themes as bits (Theme.bit), the column the theme facet and filter read."""
    mask = 0
    for theme in themes:
        mask |= 1 << theme.bit
    return mask


def refresh_guide_fields(item):
    """The derived columns that depend on the item's own fields only."""
    item.online = bool((item.online_url or "").strip())
    item.missing_count = len(missing_elements(item))
    return item


def reform_errors(reform):
    """Each reform kind needs its own figures: before→after materials must shrink, fees must fall, power must go
    down to a lower level, cleared documents must be named."""
    errors = {}
    if reform.kind == ReformKind.MATERIALS:
        if reform.materials_before is None:
            errors["materials_before"] = "减材料须填写改革前材料数。"
        if reform.materials_after is None:
            errors["materials_after"] = "减材料须填写改革后材料数。"
        if (
            reform.materials_before is not None
            and reform.materials_after is not None
            and reform.materials_after >= reform.materials_before
        ):
            errors["materials_after"] = "改革后材料数应少于改革前。"
    elif reform.kind == ReformKind.FEES:
        if reform.fee_before is None:
            errors["fee_before"] = "降费用须填写改革前收费。"
        if reform.fee_after is None:
            errors["fee_after"] = "降费用须填写改革后收费（免费填 0）。"
        if (
            reform.fee_before is not None
            and reform.fee_after is not None
            and reform.fee_after >= reform.fee_before
        ):
            errors["fee_after"] = "改革后收费应低于改革前。"
    elif reform.kind == ReformKind.DELEGATION:
        if not reform.delegated_to or reform.delegated_to == "city":
            errors["delegated_to"] = "放权限须选择下放到的层级（乡级或村级）。"
    elif reform.kind == ReformKind.DOCUMENTS and not (reform.documents_cleared or "").strip():
        errors["documents_cleared"] = "清文件须列出清理的文件。"
    return errors


def reform_summary(reform):
    """One line a citizen can read: 材料 8 件 → 5 件."""
    if reform.kind == ReformKind.MATERIALS:
        return "材料 %s 件 → %s 件" % (reform.materials_before, reform.materials_after)
    if reform.kind == ReformKind.FEES:
        after = "免费" if reform.fee_after == 0 else "%s 元" % reform.fee_after
        return "收费 %s 元 → %s" % (reform.fee_before, after)
    if reform.kind == ReformKind.DELEGATION:
        return "下放至%s" % reform.get_delegated_to_display()
    lines = [line.strip() for line in (reform.documents_cleared or "").splitlines() if line.strip()]
    return "清理文件 %d 件" % len(lines)


def visits_bucket(visits):
    """跑动次数 facet buckets: 0 (零跑腿), 1 (最多跑一次), 2+."""
    return "0" if visits == 0 else "1" if visits == 1 else "2+"
