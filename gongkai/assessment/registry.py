"""The seam between assessment and the pillars it assesses: what a pillar gives, in a shape assessment defines.

Assessment never imports a pillar. Each pillar gives, in modules of its own that this registry finds by
convention (`gongkai.core.discovery.app_modules`):

- `<app>/measures.py`: its *measures* (`@measure(code, name, unit)`) — a measure reads what the pillar records (FOI
  cases, messages, items, new-media posts) for one department (or the whole site when `department` is None) over
  a period and returns a `Measurement`: the raw figure, a one-line Chinese explanation, and the evidence behind it
  (links to the cases or items — the drill-down). Scoring a figure against thresholds and weights is the indicator
  system's business, not the measure's. The same data always gives the same Measurement (no clock reads: the
  period is passed in). In the same module, what the annual report takes from the pillar (`@provides(name)`).
- `<app>/health.py`: its checks of the site health monitor (`@health_check(Check.…)`), each `(now) -> Outcome`
  with unsaved `Finding`s; the monitor stores them (assessment/health/actions.py).

Assessment's own measures (those read from the stored health runs) are in `OWN_MODULES`.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.discovery import app_modules

OWN_MODULES = ["gongkai.assessment.health.measures"]

EVIDENCE_LIMIT = 100  # evidence rows a measure lists (oldest first; the detail gives the count)


# --- measures --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Evidence:
    label: str  # e.g. "依申请公开 2025-0042 逾期 3 个工作日"
    url: str  # admin or public URL of the case / item / finding


@dataclass(frozen=True)
class Measurement:
    value: (
        Decimal | None
    )  # None: nothing to measure in the period (e.g. no FOI cases) — the indicator decides
    detail: str  # e.g. "按期答复 29/30 件（96.7%）"
    evidence: tuple[Evidence, ...] = field(default=())
    veto: bool = False  # a single-veto condition was met in the period


@dataclass(frozen=True)
class Measure:
    code: str  # stable, e.g. "foi.on_time_rate"
    name: str  # Chinese, e.g. "依申请公开按期答复率"
    unit: str  # "%", "件", "天" …
    func: object  # (department | None, start: date, end: date) -> Measurement
    site_wide: bool = False  # measured once for the whole site, not per department

    def __call__(self, department, start: datetime.date, end: datetime.date) -> Measurement:
        return self.func(department, start, end)


_MEASURES: dict[str, Measure] = {}


def measure(code, name, unit, *, site_wide=False):
    def register(func):
        _MEASURES[code] = Measure(code, name, unit, func, site_wide)
        return func

    return register


def _discover():
    import importlib

    for module in OWN_MODULES:
        importlib.import_module(module)
    app_modules("measures")


def measures() -> dict[str, Measure]:
    _discover()
    return dict(_MEASURES)


# what a measure's text and evidence are made of, the same for every pillar
def bounds(start, end):
    """[start 00:00, end+1 00:00) in Asia/Shanghai, as aware datetimes for DateTimeField ranges."""
    tz = timezone.get_default_timezone()
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz)
    after = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), tz
    )
    return first, after


def percent(good, total):
    return (Decimal(100) * good / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def admin_url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # admin URLs not mounted (e.g. a management command without the admin): no link
        return ""


def evidence(rows):
    """rows: (sort key, label, url) → the first EVIDENCE_LIMIT in order, as Evidence."""
    rows = sorted(rows, key=lambda r: r[0])[:EVIDENCE_LIMIT]
    return tuple(Evidence(label, url) for _, label, url in rows)


def rate_detail(what, good, total, bad_label, bad):
    text = f"{what} {good}/{total} 件（{percent(good, total)}%）"
    if bad:
        text += f"，{bad_label} {bad} 件"
        if bad > EVIDENCE_LIMIT:
            text += f"（列出最早的 {EVIDENCE_LIMIT} 件）"
    return text


# --- what the annual report takes from a pillar -------------------------------------------------------------------
_PROVIDED: dict[str, object] = {}


def provides(name):
    """Register what a pillar gives under `name` (e.g. "foi.annual_tables"); assessment asks for it by that name."""

    def register(func):
        _PROVIDED[name] = func
        return func

    return register


def provided(name):
    """The function a pillar registered under `name`; a clear error when no installed pillar gives it."""
    _discover()
    try:
        return _PROVIDED[name]
    except KeyError:
        raise LookupError(f"没有已安装的模块提供“{name}”（应在其 measures.py 中以 @provides 登记）") from None


# --- checks of the site health monitor ---------------------------------------------------------------------------
class Severity(models.TextChoices):
    OK = "ok", _("正常")
    WARNING = "warning", _("预警")
    VETO = "veto", _("否决")


class Check(models.TextChoices):
    """The checks of the monitor, on the national indicators (国办秘函〔2019〕19号, RULES.md §5), in the order
    they are run and shown; LINKS is the crawl (assessment's own), the others are the pillars'."""

    HOME = "home", _("首页更新")
    COLUMNS_IDLE = "columns_idle", _("栏目更新")
    COLUMNS_EMPTY = "columns_empty", _("空白栏目")
    LINKS = "links", _("链接与附件可用性")
    MESSAGES = "messages", _("留言答复（3 个月未答复）")
    GUIDES = "guides", _("办事指南关键要素")
    NEWMEDIA = "newmedia", _("政务新媒体更新与互动")


SEVERITY_ORDER = [Severity.VETO, Severity.WARNING, Severity.OK]


def worst(statuses):
    for status in SEVERITY_ORDER:
        if status in statuses:
            return status
    return Severity.OK


@dataclass
class Finding:
    """One problem a check saw, not yet stored (the monitor stores it as assessment.health.models.Finding)."""

    check_code: str
    severity: str
    subject: str
    detail: str
    department: object = None  # org.Department responsible, if known
    url: str = ""
    found_on: str = ""
    http_status: int | None = None
    days: int | None = None
    object_type: str = ""
    object_id: str = ""


@dataclass
class Outcome:
    check: str
    status: str
    figure: int | None
    detail: str
    findings: list = field(default_factory=list)


_CHECKS: dict[str, object] = {}


def health_check(code):
    """Register `(now) -> Outcome` as the check `code` (a `Check`)."""
    if code not in Check.values:
        raise ValueError(f"unknown site health check {code!r}: add it to registry.Check")

    def register(func):
        _CHECKS[code] = func
        return func

    return register


def health_checks():
    """The pillars' checks, in `Check` order: [(code, (now) -> Outcome)]."""
    app_modules("health")
    order = list(Check.values)
    return sorted(_CHECKS.items(), key=lambda item: order.index(item[0]))
