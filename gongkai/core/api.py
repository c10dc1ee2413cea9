"""Public calendar endpoint: GET /api/v1/calendar/add-workdays?start=YYYY-MM-DD&days=N."""

import datetime
import re

from ninja import Router, Schema, Status

from . import protection, workdays

router = Router(tags=["法定日历"])
PREFIX = "/calendar"


class Skipped(Schema):
    date: datetime.date
    reason: str


class AddWorkdaysOut(Schema):
    start: datetime.date
    days: int
    due: datetime.date
    provisional: bool
    covered_until: datetime.date | None
    skipped: list[Skipped]
    makeup_workdays: list[Skipped]
    explanation: str


class ErrorOut(Schema):
    errors: dict[str, str]


@router.get("/add-workdays", response={200: AddWorkdaysOut, 400: ErrorOut}, summary="N 个工作日后的日期")
def add_workdays(request, start: str, days: str):
    """The N-th working day after `start` on the official calendar (调休 included), with the days skipped.
    `provisional` is true when the answer lies past the last year whose holiday schedule has been published."""
    errors = {}
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", start):
            raise ValueError
        start_date = datetime.date.fromisoformat(start)
    except ValueError:
        errors["start"] = "起始日期格式应为 YYYY-MM-DD，且须是真实存在的日期。"
    try:
        n = int(days)
        if not 0 <= n <= workdays.MAX_DAYS:
            raise ValueError
    except ValueError:
        errors["days"] = f"工作日天数须为 0 到 {workdays.MAX_DAYS} 之间的整数。"
    if errors:
        return Status(400, {"errors": errors})
    try:
        result = workdays.add_workdays(start_date, n)
    except ValueError as exc:
        return Status(400, {"errors": {"start": str(exc)}})
    return {
        "start": result.start,
        "days": result.days,
        "due": result.due,
        "provisional": result.provisional,
        "covered_until": result.covered_until,
        "skipped": [{"date": s.date, "reason": s.reason} for s in result.skipped],
        "makeup_workdays": [{"date": s.date, "reason": s.reason} for s in result.makeup_workdays],
        "explanation": result.explain(),
    }


class CaptchaOut(Schema):
    key: str
    image: str
    audio: str
    required: bool


captcha_router = Router(tags=["验证码"])


@captcha_router.get("", response=CaptchaOut, summary="获取验证码")
def new_captcha(request):
    """A new challenge for the JSON API: the four digits of the picture at `image` (spoken in Mandarin at `audio`)
    are the answer; send `captcha_key` and `captcha_answer` with the submission. The answer itself is never in this
    response. `required` is false when GONGKAI_CAPTCHA is off."""
    key = protection.new_challenge()
    return {
        "key": key,
        "image": f"/captcha/{key}.png",
        "audio": f"/captcha/{key}.mp3",
        "required": protection.captcha_required_for_api(),
    }


EXTRA_ROUTERS = [("/captcha", captcha_router)]
