"""Staff screens in the Wagtail admin (issue 6): the office's intake/dispatch queue, department inboxes, reply
review, the 督办 list, the dashboard, 12345 import/export and integration tokens. Lists go through
`Case.objects.for_user`; personal data is masked for department staff (`gongkai.core.identity.mask`)."""

import os

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from gongkai.core import privatefiles, roles
from gongkai.core.identity import mask, mask_name
from gongkai.org import sites
from gongkai.org.models import Department

from . import actions, clock, hotline, rules, stats
from .models import Case, Channel, FollowUp, Status

QUEUES = {
    # key: (label, filter, office only)
    "intake": ("待受理派单", Q(status=Status.RECEIVED), True),
    "review": ("答复待审核", Q(status=Status.REPLY_SUBMITTED), True),
    "inbox": ("本部门待办", Q(status__in=[Status.ASSIGNED, Status.SUPERVISING]), False),
    "supervising": ("督办中", Q(status=Status.SUPERVISING), False),
    "published": ("已答复待办结", Q(status=Status.PUBLISHED), False),
    "all": ("全部", Q(), False),
}


def _staff_only(request):
    user = request.user
    if not (roles.sees_all_departments(user) or roles.user_department(user) is not None):
        raise PermissionDenied


def _person(case, user):
    """The citizen's details: in full for the office (it calls back), masked for department staff."""
    if roles.sees_all_departments(user):
        return {"name": case.name, "phone": case.phone, "email": case.email}
    return {"name": mask_name(case.name), "phone": mask(case.phone), "email": mask(case.email, 2, 6)}


def case_list(request):
    _staff_only(request)
    office = roles.sees_all_departments(request.user)
    queue = request.GET.get("queue") or ("intake" if office else "inbox")
    if queue not in QUEUES or (QUEUES[queue][2] and not office):
        queue = "all"
    label, filt, _ = QUEUES[queue]
    qs = (
        Case.objects.for_user(request.user)
        .filter(filt)
        .select_related("category", "department", "suggested_department")
        .order_by("reply_due", "received_at")
    )
    channel = request.GET.get("channel")
    if channel in Channel.values:
        qs = qs.filter(channel=channel)
    q = (request.GET.get("q") or "").strip()[:50]
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(title__icontains=q) | Q(hotline_ticket_no__icontains=q))
    page = Paginator(qs, 30).get_page(request.GET.get("p"))
    now = timezone.now()
    rows = [
        {
            "case": c,
            "light": clock.light(c, now),
            "light_label": clock.LIGHT_LABELS.get(clock.light(c, now), ""),
            "due": clock.governing_due(c),
            "flagged": bool(c.findings),
            # chosen here, not with `default:c.suggested_department.name` in the template: a filter's argument
            # that fails raises, and a report with neither department (anonymous 纠错, no category) gave a 500
            "department": c.department or c.suggested_department,
            "suggested": c.department is None and c.suggested_department is not None,
        }
        for c in page.object_list
    ]
    queues = [(k, v[0]) for k, v in QUEUES.items() if office or not v[2]]
    return TemplateResponse(
        request,
        "interaction/admin/list.html",
        {
            "rows": rows,
            "page_obj": page,
            "queue": queue,
            "queue_label": label,
            "queues": queues,
            "q": q,
            "channel": channel,
            "channels": Channel.choices,
            "office": office,
        },
    )


class DepartmentChoice(forms.Form):
    department = forms.ModelChoiceField(label="承办部门", queryset=Department.objects.filter(active=True))
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:  # 集约化: only the departments of the office's own site
            self.fields["department"].queryset = sites.departments_for_user(user).filter(active=True)


class TextAction(forms.Form):
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 6}))


def case_detail(request, pk):
    _staff_only(request)
    case = get_object_or_404(
        Case.objects.for_user(request.user).select_related(
            "category", "department", "suggested_department", "reply_department"
        ),
        pk=pk,
    )
    if request.method == "POST":
        return _do_action(request, case)
    allowed = rules.allowed_actions(request.user, case)
    now = timezone.now()
    return TemplateResponse(
        request,
        "interaction/admin/detail.html",
        {
            "case": case,
            "person": _person(case, request.user),
            "allowed": allowed,
            "labels": rules.ACTION_LABELS,
            "dispatch_form": DepartmentChoice(
                initial={"department": case.suggested_department or case.department}, user=request.user
            ),
            "light": clock.LIGHT_LABELS.get(clock.light(case, now), ""),
            "alarm": clock.alarm(case, now),
            "close_blocker": rules.close_blocker(case, now) if "close" in allowed else None,
            "follow_ups": case.follow_ups.select_related("by"),
            "ratings": case.ratings.all(),
            "follow_kinds": [FollowUp.Kind.REVISIT, FollowUp.Kind.SUPERVISION],
            "follow_kind_labels": dict(FollowUp.Kind.choices),
        },
    )


# the types intake.check_attachment lets in, by the stored extension
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def case_attachment(request, pk):
    """The citizen's attachment, for the staff who may open the case: the office, or the department it was
    dispatched to (`for_user`); anyone else gets 404, as for the case page."""
    _staff_only(request)
    case = get_object_or_404(Case.objects.for_user(request.user).only("pk", "code", "attachment"), pk=pk)
    if not case.attachment:
        raise Http404
    suffix = os.path.splitext(case.attachment.name)[1].lower()
    return privatefiles.serve(
        case.attachment,
        filename=f"{case.code}-附件{suffix}",
        content_type=ATTACHMENT_TYPES.get(suffix, "application/octet-stream"),
    )


def _do_action(request, case):
    action = request.POST.get("action", "")
    user = request.user
    text = (request.POST.get("text") or "").strip()
    try:
        if action in ("dispatch", "transfer"):
            form = DepartmentChoice(request.POST, user=user)
            if not form.is_valid():
                raise rules.TransitionError("请选择承办部门。")
            dept, note = form.cleaned_data["department"], form.cleaned_data["note"]
            if action == "dispatch":
                actions.dispatch(user, case, dept, note)
            else:
                actions.transfer(user, case, dept, note)
        elif action == "submit_reply":
            actions.submit_reply(user, case, text)
        elif action == "approve_reply":
            actions.review_reply(
                user, case, approve=True, note=request.POST.get("note", ""), edited_reply=text or None
            )
        elif action == "return_reply":
            actions.review_reply(user, case, approve=False, note=text)
        elif action == "close":
            actions.close(user, case)
        elif action == "override_close":
            actions.override_close(user, case, text)
        elif action == "mark_invalid":
            actions.mark_invalid(user, case, text)
        elif action == "redirect_foi":
            actions.redirect_to_foi(user, case, text)
        elif action == "follow_up":
            kind = request.POST.get("kind")
            if kind not in (FollowUp.Kind.REVISIT, FollowUp.Kind.SUPERVISION):
                raise rules.TransitionError("请选择记录类型。")
            actions.add_follow_up(user, case, kind, text, done=bool(request.POST.get("done")))
        else:
            raise rules.TransitionError("未知的操作。")
    except rules.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已{rules.ACTION_LABELS.get(action, '处理')}。")
    return redirect(reverse("interaction_case", args=[case.pk]))


def dashboard(request):
    _staff_only(request)
    scoped = Case.objects.for_user(request.user)
    return TemplateResponse(
        request,
        "interaction/admin/dashboard.html",
        {
            "rows": stats.dashboard(scoped),
            "alarms": stats.alarms(scoped),
            "monthly": stats.monthly(queryset=scoped),
            "office": roles.sees_all_departments(request.user),
        },
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="12345 工单文件（CSV 或 XLSX）",
        help_text="列：工单编号、来电时间、来电人、联系电话、标题、诉求内容、诉求类别、承办部门",
    )


def _office_only(request):
    if not roles.is_office(request.user):
        raise PermissionDenied


def hotline_import(request):
    _office_only(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = hotline.import_tickets(hotline.read_file(form.cleaned_data["file"]), request.user)
        except hotline.ImportRejected as exc:
            errors = exc.errors
    return TemplateResponse(
        request, "interaction/admin/import.html", {"form": form, "errors": errors, "result": result}
    )


def hotline_export(request):
    _office_only(request)
    data = hotline.export_xlsx(Case.objects.for_user(request.user).filter(channel=Channel.HOTLINE))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="12345-results-{stamp}.xlsx"'
    return response


class TokenForm(forms.Form):
    name = forms.CharField(label="对接系统名称", max_length=60)


def token_new(request):
    _office_only(request)
    form = TokenForm(request.POST or None)
    token = None
    if request.method == "POST" and form.is_valid():
        from .models import IntegrationToken

        if IntegrationToken.objects.filter(name=form.cleaned_data["name"]).exists():
            form.add_error("name", "该名称已存在。")
        else:
            _item, token = hotline.create_token(request.user, form.cleaned_data["name"])
    return TemplateResponse(request, "interaction/admin/token.html", {"form": form, "token": token})
