"""The FOI API (issue 5): POST /api/v1/foi/applications and POST /api/v1/foi/applications/{tracking_code}/query
(the secret in the body: it never travels in a URL, gongkai.core.tracking).

Handlers only translate HTTP: checking is `services.validate`, storing is `actions.submit`, reading is `tracking`.
`GONGKAI_CAPTCHA` / `GONGKAI_RATE_LIMITS` switch the captcha and the rate limits of this API.
"""

import base64
import binascii
import datetime

from ninja import Router, Schema, Status

from gongkai.core import protection
from gongkai.core import tracking as case_tracking
from gongkai.org import sites

from . import actions, services, tracking

router = Router(tags=["依申请公开"])
PREFIX = "/foi"


class AttachmentIn(Schema):
    name: str
    content_base64: str


class ApplicationIn(Schema):
    applicant_type: str | None = None
    organization_type: str | None = None
    name: str | None = None
    id_type: str | None = None
    id_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    description: str | None = None
    delivery_form: str | None = None
    delivery_way: str | None = None
    attachments: list[AttachmentIn] = []
    captcha_key: str | None = None
    captcha_answer: str | None = None


class CreatedOut(Schema):
    tracking_code: str
    secret: str
    status: str


class HistoryOut(Schema):
    date: datetime.date
    at: str
    event: str
    text: str


class TrackingOut(Schema):
    tracking_code: str
    status: str
    status_label: str
    submitted_at: datetime.datetime
    receipt_date: datetime.date | None
    due_date: datetime.date | None
    provisional: bool
    clock: str
    outcome: str
    history: list[HistoryOut]


class ErrorOut(Schema):
    errors: dict[str, str]


NOT_FOUND = {"errors": {"tracking_code": "未找到该申请，请核对查询码和查询密码。"}}
USE_POST = "请用 POST /api/v1/foi/applications/{查询码}/query 查询，查询密码放在请求体的 secret 字段中。"
URL_REFUSED = {"errors": {"secret": case_tracking.API_URL_REFUSED_MESSAGE}}


@router.post(
    "/applications",
    response={201: CreatedOut, 400: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="提交政府信息公开申请",
)
def create_application(request, payload: ApplicationIn):
    """条例第二十九条的申请内容。成功返回查询码和查询密码（密码只返回这一次）。错误时返回每个字段的中文提示，
    且不保存任何内容。附件为 PDF/JPG/PNG（按内容识别），单个不超过 5 MB，最多 3 个。"""
    if protection.rate_limited(request, "submit"):
        return Status(429, {"errors": {"__all__": protection.RATE_LIMIT_MESSAGE}})
    if protection.captcha_required_for_api() and not protection.verify(
        payload.captcha_key, payload.captcha_answer
    ):
        return Status(400, {"errors": {"captcha": protection.CAPTCHA_MESSAGE}})
    files = []
    for item in payload.attachments:
        try:
            files.append((item.name, base64.b64decode(item.content_base64, validate=True)))
        except (binascii.Error, ValueError):
            return Status(
                400, {"errors": {"attachments": f"文件“{item.name}”的内容不是有效的 base64 编码。"}}
            )
    cleaned, errors = services.validate(payload.dict(), files)
    if errors:
        return Status(400, {"errors": errors})
    try:
        app, secret = actions.submit(cleaned, attachments=files, site=sites.current_site(request))
    except actions.ActionError as exc:  # a double submission
        return Status(400, {"errors": {"description": str(exc)}})
    return Status(201, {"tracking_code": app.tracking_code, "secret": secret, "status": app.status})


class QueryIn(Schema):
    secret: str | None = None


@router.post(
    "/applications/{tracking_code}/query",
    response={200: TrackingOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="查询申请办理进度",
)
def query_application(request, tracking_code: str, payload: QueryIn):
    """凭查询码和查询密码（请求体 `{"secret": "…"}`，不放在网址中）查看状态、收到申请之日、答复期限（含是否暂定）
    和办理记录；不含内部意见和个人信息。查询码或密码错误一律返回 404。"""
    if case_tracking.secret_in_url(request):
        return Status(400, URL_REFUSED)
    if protection.rate_limited(request, "query"):
        return Status(429, {"errors": {"__all__": protection.RATE_LIMIT_MESSAGE}})
    app = tracking.find(tracking_code, payload.secret)
    if app is None:
        return Status(404, NOT_FOUND)
    return tracking.public_view(app)


@router.get(
    "/applications/{tracking_code}",
    response={400: ErrorOut},
    summary="（已停用）以网址参数查询",
    include_in_schema=False,
)
def get_application(request, tracking_code: str):
    """Secrets never travel in a URL: the look-up is `POST …/query`; a GET (with or without `?secret=`) is
    refused without looking anything up and without echoing what was sent."""
    if case_tracking.secret_in_url(request):
        return Status(400, URL_REFUSED)
    return Status(400, {"errors": {"secret": USE_POST}})
