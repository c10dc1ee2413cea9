"""The staff workbench in the Wagtail admin (issue 5 item 9): lists by state, due soon, overdue and department;
the case page with the countdown and how it was computed, the history, the dwell per hop and the actions allowed
now; the dwell summary per department; tables 三 and 四 for a year; intake of oral and paper applications.

Department staff see only cases assigned to their department (`Application.objects.for_user`) and applicants'
personal data masked; the office sees everything. Every change goes through `actions`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from gongkai.core import identity, privatefiles, roles, workdays
from gongkai.org import sites
from gongkai.org.models import Department

from . import actions, forms, letters, rules, stats
from . import clock as clock_module
from .forms import StaffIntakeForm
from .models import Application, Status

PER_PAGE = 50
VIEWS = [
    ("open", "全部在办"),
    ("due_soon", "即将到期（≤5 个工作日）"),
    ("overdue", "已超期"),
    ("paused", "计时暂停"),
    ("unconfirmed", "待确认收到"),
    ("closed", "已办结"),
]


def can_use(user):
    return user.is_authenticated and (
        roles.sees_all_departments(user) or roles.user_department(user) is not None
    )


def sees_personal_data(user):
    """The office verifies identity and contacts applicants; department staff get the data masked."""
    return roles.sees_all_departments(user)


def _require(user):
    if not can_use(user):
        raise PermissionDenied


def _today():
    return workdays.local_date(timezone.now())


OPEN = ~Q(status=Status.CLOSED)  # written so PostgreSQL matches the partial indexes of Application.Meta


def _view_filter(view, today, soon):
    if view == "due_soon":
        return OPEN & Q(clock_paused=False, due_date__gte=today, due_date__lte=soon)
    if view == "overdue":
        return OPEN & Q(clock_paused=False, due_date__lt=today)
    if view == "paused":
        return OPEN & Q(clock_paused=True)
    if view == "unconfirmed":
        return Q(status=Status.SUBMITTED)
    if view == "closed":
        return Q(status=Status.CLOSED)
    return OPEN


def workbench(request):
    """The list: a tab count query, a page count and a page query, whatever the number of cases."""
    _require(request.user)
    today = _today()
    cal = workdays.get_calendar()
    soon, _ = cal.add_due(today, rules.due_soon_days())
    view = request.GET.get("view", "open")
    if view not in dict(VIEWS):
        view = "open"
    base = Application.objects.for_user(request.user)
    office = roles.sees_all_departments(request.user)
    department_id = request.GET.get("department", "")
    if office and department_id.isdecimal():
        base = base.filter(department_id=int(department_id))
    status = request.GET.get("status", "")
    # the tab counts cover open cases only (a few thousand rows, from the partial index); the closed tab's count
    # comes from its paginator when it is shown
    counts = base.filter(OPEN).aggregate(
        **{key: Count("pk", filter=_view_filter(key, today, soon)) for key, _ in VIEWS if key != "closed"}
    )
    counts["closed"] = None
    qs = base.filter(_view_filter(view, today, soon))
    if status in Status.values:
        qs = qs.filter(status=status)
    if view == "closed":
        qs = qs.order_by("-closed_at", "-pk")
    else:
        # the most urgent first; paused and unconfirmed cases (no due date) after the running ones
        qs = qs.order_by("clock_paused", F("due_date").asc(nulls_last=True), "submitted_at", "pk")
    qs = qs.select_related("department").only(
        "pk",
        "tracking_code",
        "name",
        "category",
        "channel",
        "status",
        "submitted_at",
        "receipt_date",
        "due_date",
        "due_provisional",
        "clock_paused",
        "closed_on",
        "outcome",
        "department__name",
        "department__short_name",
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for app in page.object_list:
        days = clock_module.days_left(app.due_date, today, cal) if not app.is_closed else None
        rows.append(
            {
                "app": app,
                "name": identity.mask_name(app.name),
                "days_left": days,
                "colour": "closed" if app.is_closed else clock_module.colour(days, app.clock_paused),
            }
        )
    departments = (
        list(sites.departments_for_user(request.user).filter(active=True).only("pk", "name"))
        if office
        else []
    )
    return TemplateResponse(
        request,
        "foi/admin/workbench.html",
        {
            "page_title": "依申请公开工作台",
            "header_title": "依申请公开工作台",
            "header_icon": "form",
            "views": [(key, label, counts[key]) for key, label in VIEWS],
            "view": view,
            "status": status,
            "statuses": Status.choices,
            "departments": departments,
            "department_id": department_id,
            "page": page,
            "rows": rows,
            "today": today,
            "office": office,
        },
    )


def _case(request, pk):
    _require(request.user)
    return get_object_or_404(Application.objects.for_user(request.user).select_related("department"), pk=pk)


def available_actions(user, app):
    """The actions the state and the user's role allow now, from `rules.TRANSITIONS` (the action functions check
    again)."""
    return rules.allowed_actions(user, app)


def case(request, pk):
    app = _case(request, pk)
    today = _today()
    events = list(app.events.select_related("department").all())
    result = clock_module.compute(events, today)
    full = sees_personal_data(request.user)
    applicant = {
        "name": app.name if full else identity.mask_name(app.name),
        "id_number": app.id_number if full else identity.mask(app.id_number, 4, 4),
        "phone": app.phone if full else identity.mask(app.phone),
        "email": app.email if full else identity.mask(app.email, 2, 6),
        "address": app.address if full else (app.address[:6] + "……" if app.address else ""),
    }
    return TemplateResponse(
        request,
        "foi/admin/case.html",
        {
            "page_title": f"申请 {app.tracking_code}",
            "header_title": f"申请 {app.tracking_code}",
            "header_icon": "form",
            "app": app,
            "applicant": applicant,
            "full": full,
            "clock": result,
            "events": events,
            "dwell": stats.case_dwell(events),
            "actions": available_actions(request.user, app),
            "departments": sites.departments_for_user(request.user)
            .filter(active=True)
            .exclude(kind=Department.Kind.OFFICE)
            if roles.sees_all_departments(request.user)
            else [],
            "outcomes": [
                c for c in rules.Outcome.choices if c[0] not in ("other_no_correction", "other_unpaid")
            ],
            "service_methods": rules.ServiceMethod.choices,
            "remedy_kinds": rules.RemedyKind.choices,
            "remedy_results": [c for c in rules.RemedyResult.choices if c[0] != "pending"],
            "remedies": list(app.remedies.all()),
            "attachments": list(app.attachments.all()) if full else [],
            "notices": list(app.notices.all()),
            "released_files": list(app.released_files.all()),
            "may_attach": rules.offered(request.user, app, "attach_released"),
            "open_consultations": actions.open_consultations(app),
            "fee_methods": rules.FeeMethod.choices,
            # Arts. 35, 36(6) and 109号: the same identity across channels
            "same_applicant": list(
                Application.objects.for_user(request.user)
                .filter(identity_key=app.identity_key)
                .exclude(pk=app.pk)
                .order_by("-submitted_at")
                .only("pk", "tracking_code", "submitted_at", "status", "outcome")[:20]
            ),
            "nth_in_month": actions.requests_in_month(app) if app.receipt_date else None,
        },
    )


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# action on the case page → (its form, its action function)
STAFF_ACTIONS = {
    "confirm": (forms.ConfirmForm, actions.confirm_receipt),
    "correction": (forms.CorrectionForm, actions.request_correction),
    "correction_received": (forms.CorrectionReceivedForm, actions.receive_correction),
    "assign": (forms.AssignForm, actions.assign),
    "transfer": (forms.TransferForm, actions.transfer),
    "consult": (forms.ConsultForm, actions.start_consultation),
    "consult_answer": (forms.ConsultAnswerForm, actions.answer_consultation),
    "extension": (forms.ExtensionForm, actions.approve_extension),
    "fee": (forms.FeeForm, actions.issue_fee_notice),
    "paid": (forms.PaidForm, actions.record_payment),
    "reply": (forms.ReplyForm, actions.department_reply),
    "review": (forms.ReviewForm, actions.review),
    "deliver": (forms.DeliverForm, actions.deliver),
    "close_lapsed": (forms.CloseLapsedForm, actions.close_lapsed),
    "proactive": (forms.ProactiveForm, actions.mark_for_proactive_disclosure),
    "remedy": (forms.RemedyForm, actions.file_remedy),
    "remedy_decide": (forms.RemedyDecideForm, actions.decide_remedy),
}


def do_action(request, pk, action):
    """Read a case-page form and make the one action function call it stands for."""
    if request.method != "POST":
        raise Http404
    app = _case(request, pk)
    if action not in STAFF_ACTIONS or not rules.offered(request.user, app, action):
        raise PermissionDenied
    form_class, function = STAFF_ACTIONS[action]
    form = form_class(request.POST, user=request.user, app=app)
    try:
        if not form.is_valid():
            raise actions.ActionError(form.first_error())
        args, kwargs = form.arguments()
        function(request.user, *args, **kwargs)
    except actions.ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已办理。")
    return redirect(reverse("foi_case", args=[app.pk]))


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def notice(request, pk, notice_id):
    """One of the case's notices (回执, 补正告知书, 征求意见函, 延期告知书, 答复书) as .docx, from its frozen text."""
    app = _case(request, pk)
    item = get_object_or_404(app.notices, pk=notice_id)
    response = HttpResponse(letters.build_docx(item.paragraphs), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, letters.filename(item))
    return response


def released_upload(request, pk):
    """Attach a document to be released with the reply (multipart POST from the case page)."""
    if request.method != "POST":
        raise Http404
    app = _case(request, pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise actions.ActionError("请选择要随答复提供的文件。")
        if upload.size > actions.max_released_bytes():
            raise actions.ActionError(
                f"单个附件不能超过 {actions.max_released_bytes() // (1024 * 1024)} MB。"
            )
        actions.attach_released_file(request.user, app, name=upload.name, content=upload.read())
    except actions.ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已添加答复附件“{upload.name}”。")
    return redirect(reverse("foi_case", args=[app.pk]))


def released_remove(request, pk, file_id):
    if request.method != "POST":
        raise Http404
    app = _case(request, pk)
    item = get_object_or_404(app.released_files, pk=file_id)
    try:
        actions.remove_released_file(request.user, app, item)
    except actions.ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已删除该答复附件。")
    return redirect(reverse("foi_case", args=[app.pk]))


def released_download(request, pk, file_id):
    """Staff of the office or of the department handling the case (`_case` scopes by `for_user`)."""
    app = _case(request, pk)
    item = get_object_or_404(app.released_files, pk=file_id)
    return privatefiles.serve(item.file, filename=item.original_name, content_type=item.content_type)


def letter(request, pk, fmt):
    app = _case(request, pk)
    if fmt not in ("pdf", "docx") or not app.letter:
        raise Http404
    content = letters.build_pdf(app.letter) if fmt == "pdf" else letters.build_docx(app.letter)
    response = HttpResponse(
        content,
        content_type="application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{app.tracking_code}-答复书.{fmt}")
    return response


def attachment(request, pk, attachment_id):
    """An applicant's material (ID copy, licence): the office only, which verifies identity; department staff get
    the applicant's data masked and never these files."""
    app = _case(request, pk)
    if not sees_personal_data(request.user):
        raise PermissionDenied
    item = get_object_or_404(app.attachments, pk=attachment_id)
    return privatefiles.serve(item.file, filename=item.original_name, content_type=item.content_type)


def _year(request):
    year = _int(request.GET.get("year"), _today().year)
    return year if 2000 <= year <= 2100 else _today().year


def _site_departments(user):
    """The office's departments: those of its site (None = every department, for platform-wide users)."""
    if sites.is_platform_wide(user):
        return None
    return sites.departments_for_user(user)


def dwell(request):
    _require(request.user)
    year = _year(request)
    departments = (
        _site_departments(request.user)
        if roles.sees_all_departments(request.user)
        else [roles.user_department(request.user)]
    )
    return TemplateResponse(
        request,
        "foi/admin/dwell.html",
        {
            "page_title": "“0 延时”各环节用时",
            "header_title": "“0 延时”各环节用时",
            "header_icon": "time",
            "year": year,
            "summary": stats.dwell_summary(year, departments),
            "hops": [label for _, _, label in stats.HOPS],
        },
    )


def annual_tables(request):
    _require(request.user)
    year = _year(request)
    department = None if roles.sees_all_departments(request.user) else roles.user_department(request.user)
    scope = sites.user_scope(request.user)
    site = None if department is not None or scope is sites.ALL else scope
    return TemplateResponse(
        request,
        "foi/admin/tables.html",
        {
            "page_title": "依申请公开统计（年报表三、表四）",
            "header_title": "依申请公开统计（年报表三、表四）",
            "header_icon": "table",
            "year": year,
            "department": department,
            "table3": stats.table3(year, department, site=site),
            "table4": stats.table4(year, department, site=site),
            "table4_columns": stats.TABLE4_COLUMNS,
            "fees": stats.fees_collected(year, department, site=site),
        },
    )


def intake(request):
    """The office keys in an application handed in, posted, faxed or told orally (Art. 29)."""
    if not roles.sees_all_departments(request.user):
        raise PermissionDenied
    form = StaffIntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            app, secret = actions.submit(
                form.checked,
                channel=form.cleaned_data["channel"],
                actor=request.user,
                on=form.cleaned_data.get("received_on"),
                attachments=form.checked_files,
            )
        except actions.ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"已登记，查询码 {app.tracking_code}，查询密码 {secret}（请告知申请人，系统不再显示）。",
            )
            return redirect(reverse("foi_case", args=[app.pk]))
    return TemplateResponse(
        request,
        "foi/admin/intake.html",
        {"page_title": "登记申请", "header_title": "登记申请", "header_icon": "plus", "form": form},
    )
