"""Public API of 互动交流 (issue 6, names exact): messages and site-error reports, their query and rating, the
category list, and the authenticated 12345 ticket intake. Errors: {"errors": {field: 中文提示}} with 400/401/404/
422/429; nothing is stored when anything is wrong."""

import functools
import json

from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from ninja import Router

from gongkai.core import actors, protection, textcheck
from gongkai.core import tracking as case_tracking
from gongkai.org import sites

from . import actions, clock, hotline, intake, rules, tracking
from .models import Channel, Rating

router = Router(tags=["互动交流"])
PREFIX = ""

NOT_FOUND = {"errors": {"secret": "查询码或查询密码不正确，请核对回执上的查询码和查询密码。"}}
URL_REFUSED = {"errors": {"secret": case_tracking.API_URL_REFUSED_MESSAGE}}

_MESSAGE_BODY = {
    "type": "object",
    "required": ["name", "category", "title", "content"],
    "properties": {
        "name": {"type": "string", "description": "姓名"},
        "phone": {"type": "string", "description": "联系电话（与 email 至少填一项）"},
        "email": {"type": "string", "description": "电子邮箱"},
        "category": {"type": "string", "description": "类别名称（GET /api/v1/messages/categories）"},
        "title": {"type": "string"},
        "content": {"type": "string"},
        "public": {"type": "boolean", "description": "是否同意公开"},
        "department": {"type": "string", "description": "希望答复的部门（可选，名称或编号）"},
        "captcha_key": {"type": "string"},
        "captcha_answer": {"type": "string"},
    },
}
_SITE_ERROR_BODY = {
    "type": "object",
    "required": ["page_url", "description"],
    "properties": {
        "name": {"type": "string"},
        "phone": {"type": "string"},
        "email": {"type": "string"},
        "page_url": {"type": "string", "description": "出错页面地址"},
        "description": {"type": "string", "description": "问题描述"},
        "category": {"type": "string"},
        "captcha_key": {"type": "string"},
        "captcha_answer": {"type": "string"},
    },
}
_SECRET = {"type": "string", "description": "查询密码（回执所示，如 K7QM-3HXP-9RTD，不区分大小写）"}
_QUERY_BODY = {"type": "object", "required": ["secret"], "properties": {"secret": _SECRET}}
_RATING_BODY = {
    "type": "object",
    "required": ["secret", "rating"],
    "properties": {
        "secret": _SECRET,
        "rating": {"type": "integer", "minimum": 1, "maximum": 5, "description": "5 非常满意 … 1 非常不满意"},
        "comment": {"type": "string"},
    },
}


def _http(fn):
    """Handlers return (status, body); this turns it into UTF-8 JSON (Chinese unescaped)."""

    @functools.wraps(fn)
    def wrapper(request, *args, **kwargs):
        result = fn(request, *args, **kwargs)
        status, body = result if isinstance(result, tuple) else (200, result)
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})

    return wrapper


def _body(schema):
    return {"requestBody": {"content": {"application/json": {"schema": schema}}, "required": True}}


def _valid_text(value):
    """No lone surrogates (a "\\ud800" escape decodes to one): they cannot be stored or answered in UTF-8; and no
    NUL ("\\u0000"), which PostgreSQL refuses in text — even in a lookup such as the department's name."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return "\x00" not in value
    if isinstance(value, dict):
        return all(_valid_text(k) and _valid_text(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_valid_text(v) for v in value)
    return True


def _json(request):
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None, {"__all__": "请求体不是有效的 JSON。"}
    except RecursionError:
        return None, {"__all__": "请求体嵌套层次过深，不是有效的提交内容。"}
    if not _valid_text(data):
        return None, {"__all__": "请求体含有无效字符（不成对的代理码位或空字符），请检查编码。"}
    return data, None


def _submit(request, channel, validate):
    if protection.rate_limited(request, "submit"):
        return 429, {"errors": {"__all__": protection.RATE_LIMIT_MESSAGE}}
    data, errors = _json(request)
    if errors:
        return 400, {"errors": errors}
    site = sites.current_site(request)
    cleaned, errors = validate(data, site=site)
    if protection.captcha_required_for_api() and isinstance(data, dict):
        if not protection.verify(data.get("captcha_key"), data.get("captcha_answer")):
            errors["captcha"] = protection.CAPTCHA_MESSAGE
    if errors:
        return 400, {"errors": errors}
    case, secret = actions.submit(channel, cleaned, source="api", site=site)
    if secret is None:  # the same submission within 10 minutes: not stored again, its secret not given again
        message = case_tracking.duplicate_message(
            case.get_channel_display(), actions.DEDUPE_SECONDS // 60, case.code
        )
        return 409, {"errors": {"__all__": message}, "code": case.code, "status": case.status}
    return 201, {"code": case.code, "secret": secret, "status": case.status}


def _find(request, channels, code, data):
    """The case for the code in the path and the secret in the JSON body (never in the URL)."""
    if case_tracking.secret_in_url(request):
        return None, (400, URL_REFUSED)
    if protection.rate_limited(request, "query"):
        return None, (429, {"errors": {"__all__": protection.RATE_LIMIT_MESSAGE}})
    secret = data.get("secret") if isinstance(data, dict) else None
    case = tracking.find(channels, code, secret if isinstance(secret, str) else "")
    if case is None:
        return None, (404, NOT_FOUND)
    return case, None


def case_json(case):
    """What the citizen may see of their own case (personal data in the text masked)."""
    published = case.published_at is not None or case.foi_redirected
    return {
        "code": case.code,
        "channel": case.channel,
        "status": case.status,
        "status_label": case.get_status_display(),
        "category": case.category.name if case.category else None,
        "title": textcheck.mask_personal_data(case.title),
        "content": textcheck.mask_personal_data(case.content),
        "page_url": case.page_url or None,
        "received_at": timezone.localtime(case.received_at).isoformat(),
        "department": actors.public_label(case.department) if case.department else None,
        "deadlines": {
            "first_action_due": timezone.localtime(case.first_action_due).isoformat()
            if case.first_action_due
            else None,
            "reply_due": case.reply_due.isoformat() if case.reply_due else None,
            "provisional": case.reply_due_provisional,
            "supervision_due": case.supervision_due.isoformat() if case.supervision_due else None,
            "explanation": case.reply_due_explain,
            "light": clock.light(case),
        },
        "reply": {
            "content": case.reply,
            "department": actors.public_label(case.reply_department) if case.reply_department else None,
            "published_at": timezone.localtime(case.published_at).isoformat() if case.published_at else None,
        }
        if published
        else None,
        "rating": {
            "value": case.rating,
            "label": case.get_rating_display(),
            "comment": case.rating_comment,
            "rated_at": timezone.localtime(case.rated_at).isoformat() if case.rated_at else None,
        }
        if case.rating
        else None,
        "can_rate": rules.rating_blocker(case) is None,
        "foi_redirect": "/ysqgk/shenqing/" if case.foi_redirected else None,
    }


def _query(request, channels, code):
    data, errors = _json(request)
    if errors:
        return 400, {"errors": errors}
    case, error = _find(request, channels, code, data)
    return error or (200, case_json(case))


def _refuse_get(request, kind):
    """The old `GET …/{code}?secret=`: refused, nothing looked up, nothing echoed."""
    if case_tracking.secret_in_url(request):
        return 400, URL_REFUSED
    return 400, {
        "errors": {
            "secret": f"请用 POST /api/v1/{kind}/{{查询码}}/query 查询，查询密码放在请求体的 secret 字段中。"
        }
    }


def _rate(request, channels, code):
    if protection.rate_limited(request, "rating"):
        return 429, {"errors": {"__all__": protection.RATE_LIMIT_MESSAGE}}
    data, errors = _json(request)
    if errors:
        return 400, {"errors": errors}
    case, error = _find(request, channels, code, data)
    if error:
        return error
    cleaned, errors = intake.validate_rating(data)
    if errors:
        return 400, {"errors": errors}
    try:
        case = actions.rate(case, cleaned["rating"], cleaned["comment"])
    except rules.TransitionError as exc:
        return 409, {"errors": {"rating": str(exc)}}
    return 200, case_json(case)


def _categories(channel, site=None):
    return [
        {
            "name": c.name,
            "department": actors.public_label(c.department) if c.department else None,
            "reply_days": clock.limits(channel, c)["reply_days"],
            "first_action_hours": clock.limits(channel, c)["first_action_hours"],
        }
        for c in intake.categories(channel, site)
    ]


MSG = [Channel.MESSAGE, Channel.HOTLINE]
ERR = [Channel.SITE_ERROR]


# declared before /messages/{code} so that "categories" is never taken for a code
@router.get("/messages/categories", summary="留言类别")
@_http
def message_categories(request):
    """The valid categories of a message, with the department each is routed to and its reply deadline."""
    return {
        "categories": _categories(Channel.MESSAGE, sites.current_site(request)),
        "ratings": [{"value": r.value, "label": r.label} for r in Rating],
    }


@router.get("/site-errors/categories", summary="纠错类别")
@_http
def site_error_categories(request):
    return {"categories": _categories(Channel.SITE_ERROR, sites.current_site(request))}


@router.post("/messages", summary="提交留言", openapi_extra=_body(_MESSAGE_BODY))
@_http
def submit_message(request):
    """`201 {"code", "secret", "status"}`; keep the code and the secret to query the reply and rate it."""
    return _submit(request, Channel.MESSAGE, intake.validate_message)


@router.post("/site-errors", summary="网站纠错", openapi_extra=_body(_SITE_ERROR_BODY))
@_http
def submit_site_error(request):
    """A "5+2" report: first action within 24 calendar hours (weekends and holidays count), reply in 3 working
    days."""
    return _submit(request, Channel.SITE_ERROR, intake.validate_site_error)


@router.post("/messages/{code}/query", summary="查询留言", openapi_extra=_body(_QUERY_BODY))
@_http
def query_message(request, code: str):
    """`{"secret": "…"}` in the body (a secret never travels in a URL); a wrong code or secret is the same 404."""
    return _query(request, MSG, code)


@router.post("/site-errors/{code}/query", summary="查询纠错", openapi_extra=_body(_QUERY_BODY))
@_http
def query_site_error(request, code: str):
    return _query(request, ERR, code)


@router.get("/messages/{code}", include_in_schema=False)
@_http
def get_message(request, code: str):
    return _refuse_get(request, "messages")


@router.get("/site-errors/{code}", include_in_schema=False)
@_http
def get_site_error(request, code: str):
    return _refuse_get(request, "site-errors")


@router.post("/messages/{code}/rating", summary="评价留言答复", openapi_extra=_body(_RATING_BODY))
@_http
def rate_message(request, code: str):
    """`{"secret", "rating", "comment"}`: `rating` 5 非常满意 … 1 非常不满意; 2 or 1 reopens the case under 督办."""
    return _rate(request, MSG, code)


@router.post("/site-errors/{code}/rating", summary="评价纠错答复", openapi_extra=_body(_RATING_BODY))
@_http
def rate_site_error(request, code: str):
    return _rate(request, ERR, code)


@router.post("/hotline/tickets", summary="12345工单推送（需接口令牌）")
@_http
def hotline_tickets(request):
    """`Authorization: Bearer <token>`; body `{"tickets": [{"ticket_no", "received_at", "name", "phone", "title",
    "content", "category", "department"}]}`. Idempotent on `ticket_no`; all or nothing."""
    if protection.rate_limited(request, "integration"):  # also bounds guessing of tokens
        return 429, {"errors": {"__all__": protection.RATE_LIMIT_MESSAGE}}
    token = hotline.authenticate(request.headers.get("Authorization", ""))
    if token is None:
        return 401, {"errors": {"token": "接口令牌无效或已停用。"}}
    data, errors = _json(request)
    if errors:
        return 400, {"errors": errors}
    tickets = data.get("tickets") if isinstance(data, dict) else None
    if not isinstance(tickets, list) or not tickets:
        return 400, {"errors": {"tickets": '请求体应为 {"tickets": [工单, …]}，且至少一条。'}}
    if len(tickets) > 500:
        return 400, {"errors": {"tickets": "一次最多推送 500 条工单。"}}
    try:
        with transaction.atomic():
            result = hotline.import_tickets(tickets, None, source="hotline_api", integration=token.name)
    except hotline.ImportRejected as exc:
        return 422, {"errors": {f"tickets[{row - 2}].{field}": msg for row, field, msg in exc.errors}}
    return 200, {
        "created": result.created,
        "unchanged": result.unchanged,
        "redirected_foi": result.redirected,
        "skipped": [{"ticket_no": t, "reason": r} for t, r in result.skipped],
    }
