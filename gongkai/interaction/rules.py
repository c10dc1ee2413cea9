"""Which transition is allowed from which state (the flow of issue 6 / RULES.md §6):

受理 (received) → 派单 (dispatch; 转办 = to another department) → 办理 (assigned) → 答复 (reply submitted, reviewed by
the office) → 公开 (published) → 评价 → 办结 (closed); a 不满意/非常不满意 rating reopens under 督办 (supervising)
until a new reply is published and rated. A case is never closed while the citizen is unsatisfied, except by the
office with a written reason (`override_close`).
"""

import datetime

from django.conf import settings
from django.utils import timezone

from gongkai.core import roles
from gongkai.core.refusals import Refused
from gongkai.org import sites

from .models import OPEN_STATUSES, Rating, Status

S = Status
TRANSITIONS = {
    "dispatch": ({S.RECEIVED}, S.ASSIGNED),
    "transfer": ({S.ASSIGNED, S.SUPERVISING}, None),  # stays in its state, changes department
    "submit_reply": ({S.ASSIGNED, S.SUPERVISING}, S.REPLY_SUBMITTED),
    "approve_reply": ({S.REPLY_SUBMITTED}, S.PUBLISHED),
    "return_reply": ({S.REPLY_SUBMITTED}, None),  # back to 办理 or 督办, whichever it came from
    "rate": ({S.PUBLISHED}, None),  # stays published, or 督办 when unsatisfied
    "close": ({S.PUBLISHED}, S.CLOSED),
    "override_close": (set(OPEN_STATUSES) | {S.PUBLISHED}, S.CLOSED),
    "mark_invalid": ({S.RECEIVED}, S.INVALID),
    "redirect_foi": ({S.RECEIVED, S.ASSIGNED}, S.REDIRECTED),
    "follow_up": (set(OPEN_STATUSES) | {S.PUBLISHED, S.CLOSED}, None),
}

ACTION_LABELS = {
    "dispatch": "派单",
    "transfer": "转办",
    "submit_reply": "提交答复",
    "approve_reply": "审核通过并公开答复",
    "return_reply": "退回答复",
    "rate": "评价",
    "close": "办结",
    "override_close": "强制办结",
    "mark_invalid": "不予受理",
    "redirect_foi": "转依申请公开",
    "follow_up": "回访/督办记录",
}

# who may do what: the office routes, reviews, supervises and closes; the department handles and replies
OFFICE_ACTIONS = {
    "dispatch",
    "transfer",
    "approve_reply",
    "return_reply",
    "close",
    "override_close",
    "mark_invalid",
    "redirect_foi",
    "follow_up",
    "submit_reply",
}
DEPARTMENT_ACTIONS = {"submit_reply", "follow_up"}


class TransitionError(Refused):
    """A refused move, with a Chinese message for the user (409 when no view catches it)."""


def check(case, action):
    allowed, _target = TRANSITIONS[action]
    if case.status not in allowed:
        raise TransitionError(f"当前状态为“{case.get_status_display()}”，不能执行“{ACTION_LABELS[action]}”。")


def may(user, case, action):
    """Role check: the office on its own site's cases; department staff only on their own department's cases."""
    if roles.sees_all_departments(user):
        return action in OFFICE_ACTIONS and sites.may_see_site(user, case.site_id)
    department = roles.user_department(user)
    return action in DEPARTMENT_ACTIONS and department is not None and case.department_id == department.pk


def allowed_actions(user, case):
    out = []
    for action, (states, _target) in TRANSITIONS.items():
        if action == "rate":
            continue
        if case.status in states and may(user, case, action):
            out.append(action)
    return out


def rating_window_days():
    return getattr(settings, "GONGKAI_INTERACTION_RATING_WINDOW_DAYS", 7)


def is_unsatisfied(rating):
    return rating is not None and rating <= Rating.UNSATISFIED


def close_blocker(case, now=None):
    """Why the case cannot be closed normally now, or None. The citizen's last rating must not be 不满意 or
    非常不满意 (even after a new reply, until the citizen rates it); with no rating the office waits the rating window (default 7 days) after the reply."""
    now = now or timezone.now()
    if is_unsatisfied(case.rating):
        # also after a new reply: the last word of the citizen is still "unsatisfied" until they rate again
        return "群众对答复不满意，须督办整改并重新答复，或由政务公开办书面说明理由后强制办结。"
    if (
        case.rating is None
        and case.published_at
        and now - case.published_at < datetime.timedelta(days=rating_window_days())
    ):
        return f"答复公开后 {rating_window_days()} 天内等待群众评价，暂不能办结。"
    return None


def rating_blocker(case):
    """Why the citizen cannot rate now, or None: only a published reply not yet rated can be rated."""
    if case.status != S.PUBLISHED or case.published_at is None:
        return "答复公开后才能评价。"
    if case.rated_at and case.rated_at >= case.published_at:
        return "您已对本次答复作出评价；如有新的答复，可再次评价。"
    return None
