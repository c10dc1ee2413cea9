"""The statutory answer clock of a case: a pure function of its events and the official calendar.

Rules (《政府信息公开条例》, RULES.md §2):
- Art. 31/33: the answer is due 20 working days after the legal receipt date (counting starts the next day).
- Art. 30: a 补正 notice goes out within 7 working days of receipt; the clock stops, and **restarts from zero** at
  the receipt of the corrected application (not a pause: Alaveteli's model, which the law follows here).
- Arts. 32/34: consultation of a third party or another agency is not counted — the clock **pauses** and resumes
  with the remaining days (MuckRock's `days_until_due`); the other party has 15 working days.
- Art. 33: one extension of at most 20 working days, approved by the head of the disclosure office **on or before**
  the current deadline; a later or second approval has no effect (and the action refuses it).
- 109号: the applicant has 20 working days to pay a fee notice; whether that period pauses the clock is the setting
  `GONGKAI_FOI_FEE_PAUSES_CLOCK` (default: pause).
- A deadline past the calendar's `covered_until` is provisional and recomputed when the year is entered — which
  happens by itself, because nothing here is stored.

Nothing in this module reads the database; `compute()` takes any objects with `kind`, `on` and `payload`.
"""

import datetime
from dataclasses import dataclass, field

from gongkai.core import workdays
from gongkai.core.templatetags.cn_dates import cn_date

from . import rules

RECEIVED = "received"
CORRECTION_REQUESTED = "correction_requested"
CORRECTION_RECEIVED = "correction_received"
CONSULTATION_STARTED = "consultation_started"
CONSULTATION_ANSWERED = "consultation_answered"
EXTENSION_APPROVED = "extension_approved"
FEE_NOTICE = "fee_notice"
FEE_PAID = "fee_paid"
CLOSED = "closed"


@dataclass(frozen=True)
class SubDeadline:
    label: str
    due: datetime.date
    provisional: bool
    met_on: datetime.date | None = None


@dataclass
class Clock:
    """What the case page and the workbench show: the due date, the days left, the colour, and how it was
    computed."""

    receipt_date: datetime.date | None = None
    due: datetime.date | None = None
    provisional: bool = False
    paused: bool = False
    pause_reason: str = ""
    extended_days: int = 0
    closed_on: datetime.date | None = None
    today: datetime.date | None = None
    days_left: int | None = None
    state: str = "none"  # none | green | yellow | red | paused | closed
    lines: list[str] = field(default_factory=list)
    sub_deadlines: list[SubDeadline] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def overdue(self):
        return self.state == "red"

    @property
    def on_time(self):
        """For a closed case: answered on or before the deadline."""
        return self.closed_on is not None and self.due is not None and self.closed_on <= self.due

    def explain(self):
        return "\n".join(self.lines)

    @property
    def label(self):
        if self.state == "none":
            return "尚未受理（待确认收到申请之日）"
        if self.state == "closed":
            return "已按期办结" if self.on_time else "已办结（超期）"
        if self.state == "paused":
            return f"计时暂停：{self.pause_reason}"
        if self.state == "red":
            return f"已超期 {-self.days_left} 个工作日"
        if self.days_left == 0:
            return "今天到期"
        return f"剩余 {self.days_left} 个工作日"


def _d(day):
    return cn_date(day)  # the one date style of the public pages (2026年9月7日)


def compute(events, today, calendar=None):
    """The clock of one case on `today` (an Asia/Shanghai date). `events` in the order they happened."""
    cal = calendar or workdays.get_calendar()
    clock = Clock(today=today)
    limit = rules.ANSWER_DAYS
    used = 0  # working days consumed before the current running segment
    segment_start = None  # the day zero of the running segment; None while stopped
    pauses = set()  # open reasons the clock is stopped for
    pause_started = {}
    last_due = None
    extension_used = False

    def current_due():
        remaining = limit - used
        if remaining <= 0:
            return last_due, cal.is_provisional(last_due) if last_due else False
        return cal.add_due(segment_start, remaining)

    def stop(reason, day):
        nonlocal used, segment_start, last_due
        if segment_start is not None:
            last_due, _ = current_due()
            used += max(0, cal.count_workdays(segment_start, day))
            segment_start = None
        pauses.add(reason)
        pause_started[reason] = day

    def resume(reason, day, label):
        nonlocal segment_start
        if reason not in pauses:
            return
        pauses.discard(reason)
        started = pause_started.pop(reason)
        skipped = cal.count_workdays(started, day)
        clock.lines.append(
            f"{label}：{_d(started)} 至 {_d(day)} 暂停计时，其间 {skipped} 个工作日不计入答复期限"
            f"（已用 {min(used, limit)} 个，尚余 {max(limit - used, 0)} 个工作日）。"
        )
        if not pauses and clock.receipt_date is not None:
            segment_start = day

    for event in events:
        kind, on, payload = event.kind, event.on, event.payload or {}
        if kind == RECEIVED:
            clock.receipt_date = on
            segment_start, used, limit = on, 0, rules.ANSWER_DAYS
            clock.lines.append(
                f"收到申请之日 {_d(on)}（条例第三十一条），自次日起算 {rules.ANSWER_DAYS} 个工作日（第三十三条）。"
            )
            notice_due, prov = cal.add_due(on, rules.CORRECTION_NOTICE_DAYS)
            clock.sub_deadlines.append(
                SubDeadline("补正告知期限（收到申请后 7 个工作日内，第三十条）", notice_due, prov)
            )
        elif kind == CORRECTION_REQUESTED:
            period = int(payload.get("period_days") or rules.correction_period_days())
            correction_due, prov = cal.add_due(on, period)
            for i, sub in enumerate(clock.sub_deadlines):
                if sub.label.startswith("补正告知期限"):
                    clock.sub_deadlines[i] = SubDeadline(sub.label, sub.due, sub.provisional, met_on=on)
                    if on > sub.due:
                        clock.lines.append(
                            f"注意：补正告知于 {_d(on)} 发出，晚于 7 个工作日的期限 {_d(sub.due)}。"
                        )
            clock.sub_deadlines.append(
                SubDeadline(f"申请人补正期限（{period} 个工作日）", correction_due, prov)
            )
            stop("correction", on)
            clock.lines.append(f"{_d(on)} 告知补正，答复期限停止计算，待收到补正后重新起算。")
        elif kind == CORRECTION_RECEIVED:
            pauses.discard("correction")
            pause_started.pop("correction", None)
            segment_start, used, limit, extension_used = on, 0, rules.ANSWER_DAYS, False
            clock.extended_days = 0
            clock.lines.append(
                f"{_d(on)} 收到补正后的申请，答复期限自次日起重新计算 {rules.ANSWER_DAYS} 个工作日（第三十条）。"
            )
        elif kind == CONSULTATION_STARTED:
            consult_due, prov = cal.add_due(on, rules.CONSULTATION_DAYS)
            party = payload.get("party", "第三方")
            clock.sub_deadlines.append(SubDeadline(f"{party}答复意见期限（15 个工作日）", consult_due, prov))
            stop(f"consultation:{payload.get('ref', '')}", on)
        elif kind == CONSULTATION_ANSWERED:
            resume(f"consultation:{payload.get('ref', '')}", on, "征求意见（第三十二条、第三十四条）")
        elif kind == FEE_NOTICE:
            pay_due, prov = cal.add_due(on, rules.FEE_PAYMENT_DAYS)
            clock.sub_deadlines.append(SubDeadline("缴费期限（收到通知次日起 20 个工作日）", pay_due, prov))
            if payload.get("pauses", True):
                stop("fee", on)
        elif kind == FEE_PAID:
            resume("fee", on, "缴费期间（国办函〔2020〕109号）")
        elif kind == EXTENSION_APPROVED:
            days = int(payload.get("days", 0))
            reason = None
            if extension_used:
                reason = "已延期一次，不得再次延期"
            elif not 1 <= days <= rules.MAX_EXTENSION_DAYS:
                reason = f"延长期限须为 1 至 {rules.MAX_EXTENSION_DAYS} 个工作日"
            elif segment_start is not None:
                due_now, _ = current_due()
                if due_now is None or on > due_now:
                    reason = f"批准日 {_d(on)} 晚于答复期限 {_d(due_now)}"
            elif limit - used <= 0:
                reason = "答复期限在暂停前已届满"
            if reason:
                clock.refused.append(reason)
                clock.lines.append(f"{_d(on)} 的延期批准无效：{reason}（第三十三条）。")
            else:
                extension_used = True
                limit += days
                clock.extended_days = days
                clock.lines.append(
                    f"{_d(on)} 经政务公开工作机构负责人同意延期 {days} 个工作日并告知申请人（第三十三条）。"
                )
        elif kind == CLOSED:
            clock.closed_on = on

    if clock.receipt_date is None:
        clock.state = "closed" if clock.closed_on else "none"
        return clock
    if pauses:
        clock.paused = True
        reasons = {"correction": "待申请人补正", "fee": "待申请人缴费"}
        clock.pause_reason = "；".join(reasons.get(p, "征求第三方或其他机关意见") for p in sorted(pauses))
        clock.due = None
        clock.lines.append(f"目前{clock.pause_reason}，答复期限暂停计算（已用 {used} 个工作日）。")
    else:
        remaining = limit - used
        if remaining <= 0:
            clock.due, clock.provisional = last_due, cal.is_provisional(last_due)
            clock.lines.append(f"答复期限为 {_d(last_due)}（暂停前已届满）。")
        else:
            result = cal.add_workdays(segment_start, remaining)
            clock.due, clock.provisional = result.due, result.provisional
            if used:
                clock.lines.append(
                    f"已用 {used} 个工作日，余下 {remaining} 个工作日自 {_d(segment_start)} 次日起算。"
                )
            clock.lines.append(result.explain())
    if clock.closed_on is not None:
        clock.state = "closed"
        if clock.due:
            clock.lines.append(
                f"{_d(clock.closed_on)} 办结，{'在期限内' if clock.closed_on <= clock.due else '超过期限'}。"
            )
        return clock
    if clock.paused:
        clock.state = "paused"
        return clock
    if today <= clock.due:
        clock.days_left = cal.count_workdays(today, clock.due)
        clock.state = "yellow" if clock.days_left <= rules.due_soon_days() else "green"
    else:
        clock.days_left = -max(1, cal.count_workdays(clock.due, today))
        clock.state = "red"
    return clock


def days_left(due, today, calendar=None):
    """Working days from `today` to a cached due date, negative when overdue — for the workbench list."""
    cal = calendar or workdays.get_calendar()
    if due is None:
        return None
    if today <= due:
        return cal.count_workdays(today, due)
    return -max(1, cal.count_workdays(due, today))


def colour(days, paused=False):
    if paused:
        return "paused"
    if days is None:
        return "none"
    if days < 0:
        return "red"
    return "yellow" if days <= rules.due_soon_days() else "green"
