"""Staff screens in the Wagtail admin: registry, applications, posts, pushes and the freshness dashboard.
Every list goes through `for_user` (department isolation); every change goes through `actions`."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from gongkai.core import roles
from gongkai.org import sites

from . import actions, clock, imports, rules, services, tasks
from .admin_forms import (
    ChangeApplicationForm,
    CloseApplicationForm,
    ClosingNoticeForm,
    ConfirmPushForm,
    DecisionForm,
    ImportFileForm,
    OpenApplicationForm,
    PostForm,
    PushForm,
    default_local,
    default_push_deadline,
)
from .forms import CHANGEABLE_FIELDS
from .models import (
    Account,
    AccountStatus,
    Application,
    ApplicationKind,
    ApplicationState,
    Platform,
    Post,
    PostSource,
    Push,
    PushTarget,
)


def can_use(user):
    """The office, and staff bound to a department (they see their own department's accounts)."""
    return roles.sees_all_departments(user) or roles.user_department(user) is not None


def staff_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_use(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def render(request, template, title, context):
    context = {"page_title": title, "header_title": title, "header_icon": "mail", **context}
    context["is_office"] = roles.sees_all_departments(request.user)
    return TemplateResponse(request, f"newmedia/admin/{template}", context)


def apply_errors(form, exc):
    for field, messages_ in exc.message_dict.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


# --- dashboard -----------------------------------------------------------------------------------------------


@staff_only
def dashboard(request):
    rows = services.monitor(Account.objects.for_user(request.user), now=clock.now())
    grouped = services.by_state(rows)
    states = [(state, rules.Freshness.LABELS[state], grouped[state]) for state in rules.Freshness.ORDER]
    no_interaction = [r.account for r in rows if not r.account.has_interaction]
    flagged = Post.objects.for_user(request.user).filter(needs_review=True).count()
    pending = Application.objects.for_user(request.user).filter(state=ApplicationState.SUBMITTED).count()
    return render(
        request,
        "dashboard.html",
        "政务新媒体监测",
        {
            "states": states,
            "total": len(rows),
            "limits": rules.thresholds(),
            "flagged": flagged,
            "pending": pending,
            "no_interaction": no_interaction,
        },
    )


# --- registry ---------------------------------------------------------------------------------------------------


@staff_only
def account_list(request):
    qs = Account.objects.for_user(request.user).select_related("department")
    status = request.GET.get("status", "")
    platform = request.GET.get("platform", "")
    if status in AccountStatus.values:
        qs = qs.filter(status=status)
    if platform in Platform.values:
        qs = qs.filter(platform=platform)
    query = request.GET.get("q", "").strip()
    if query:
        qs = qs.filter(Q(name__contains=query) | Q(department__name__contains=query))
    page = Paginator(qs, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "account_list.html",
        "政务新媒体台账",
        {
            "page": page,
            "statuses": AccountStatus.choices,
            "platforms": Platform.choices,
            "status": status,
            "platform": platform,
            "q": query,
        },
    )


@staff_only
def account_detail(request, pk):
    account = get_object_or_404(Account.objects.for_user(request.user).select_related("department"), pk=pk)
    now = clock.now()
    post_form, file_form, notice_form = (
        PostForm(initial={"published_at": default_local()}),
        ImportFileForm(),
        None,
    )
    if account.status == AccountStatus.ACTIVE:
        notice_form = ClosingNoticeForm()
    if request.method == "POST":
        what = request.POST.get("action")
        try:
            if what == "post":
                post_form = PostForm(request.POST)
                if post_form.is_valid():
                    actions.add_post(request.user, account, **post_form.cleaned_data)
                    messages.success(request, "已登记一条更新。")
                    return redirect("newmedia_account", pk=pk)
            elif what == "import":
                file_form = ImportFileForm(request.POST, request.FILES)
                if file_form.is_valid():
                    upload = file_form.cleaned_data["file"]
                    if upload.size > imports.MAX_FILE_BYTES:
                        file_form.add_error("file", "文件过大（上限 2 MB）。")
                    else:
                        try:
                            items = imports.parse_table(upload.read(), upload.name)
                        except imports.SourceError as exc:
                            for error in exc.errors:
                                file_form.add_error("file", error)
                        else:
                            result = actions.import_posts(
                                request.user, account, items, source=PostSource.FILE
                            )
                            messages.success(request, "导入完成：" + result.summary())
                            return redirect("newmedia_account", pk=pk)
            elif what == "notice" and notice_form is not None:
                notice_form = ClosingNoticeForm(request.POST)
                if notice_form.is_valid():
                    actions.publish_closing_notice(
                        request.user,
                        account,
                        notice_url=notice_form.cleaned_data["notice_url"],
                        published_at=notice_form.cleaned_data["published_at"],
                    )
                    messages.success(request, "已登记停更公告。现在可以提交关停申请。")
                    return redirect("newmedia_account", pk=pk)
            elif what == "fetch" and account.feed_url:
                tasks.fetch_feed.enqueue(account.pk)
                messages.success(request, "已加入后台抓取队列，稍后刷新查看结果。")
                return redirect("newmedia_account", pk=pk)
        except ValidationError as exc:
            form = {"post": post_form, "import": file_form, "notice": notice_form}.get(what)
            if form is not None:
                apply_errors(form, exc)
            else:
                messages.error(request, "；".join(exc.messages))
    posts = account.posts.order_by("-published_at")[:30]
    return render(
        request,
        "account_detail.html",
        str(account),
        {
            "account": account,
            "freshness": rules.account_freshness(account, now),
            "freshness_label": rules.Freshness.LABELS[rules.account_freshness(account, now)],
            "idle_days": rules.idle_days(account, now),
            "weekly_count": services.with_weekly_counts(Account.objects.filter(pk=pk), now)
            .get()
            .weekly_count,
            "posts": posts,
            "applications": account.applications.select_related("submitted_by", "decided_by"),
            "post_form": post_form,
            "file_form": file_form,
            "notice_form": notice_form,
            "fields": [registry_field(account, name) for name in CHANGEABLE_FIELDS],
        },
    )


def registry_field(account, name):
    field = Account._meta.get_field(name)
    value = getattr(account, name)
    if field.choices:
        value = getattr(account, f"get_{name}_display")()
    return field.verbose_name, value


# --- applications ---------------------------------------------------------------------------------------------


@staff_only
def application_list(request):
    qs = Application.objects.for_user(request.user).select_related("department", "account", "submitted_by")
    state = request.GET.get("state", "")
    if state in ApplicationState.values:
        qs = qs.filter(state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "application_list.html",
        "开设、变更、关停申请",
        {"page": page, "states": ApplicationState.choices, "state": state},
    )


FORMS = {
    ApplicationKind.OPEN: OpenApplicationForm,
    ApplicationKind.CHANGE: ChangeApplicationForm,
    ApplicationKind.CLOSE: CloseApplicationForm,
}


@staff_only
def application_new(request, kind):
    if kind not in ApplicationKind.values:
        raise PermissionDenied
    kind = ApplicationKind(kind)
    account = None
    if kind != ApplicationKind.OPEN:
        account = get_object_or_404(
            Account.objects.for_user(request.user), pk=request.GET.get("account") or 0
        )
    department = account.department if account else roles.user_department(request.user)
    if department is None:
        messages.error(request, "公开办账号未绑定部门，请由部门工作人员提交开设申请。")
        return redirect("newmedia_applications")
    form_class = FORMS[kind]
    initial = (
        {name: getattr(account, name) for name in CHANGEABLE_FIELDS} if kind == ApplicationKind.CHANGE else {}
    )
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason, checklist = data.pop("reason"), data.pop("checklist")
        try:
            application = actions.submit_application(
                request.user,
                kind=kind,
                department=department,
                reason=reason,
                checklist=checklist,
                proposal=data if kind != ApplicationKind.CLOSE else None,
                account=account,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "申请已提交，等待政务公开办审核。")
            return redirect("newmedia_application", pk=application.pk)
    title = f"{kind.label}申请" + (f"：{account}" if account else "")
    return render(
        request, "application_form.html", title, {"form": form, "account": account, "department": department}
    )


@staff_only
def application_detail(request, pk):
    application = get_object_or_404(
        Application.objects.for_user(request.user).select_related("department", "account"), pk=pk
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if request.POST.get("decision") == "approve":
                actions.approve_application(request.user, application, note)
                messages.success(request, "已批准。")
            else:
                actions.reject_application(request.user, application, note)
                messages.success(request, "已退回。")
            return redirect("newmedia_application", pk=pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    conditions = [
        (label, key in application.checklist) for key, label in rules.conditions_for(application.kind)
    ]
    proposal = []
    for name, value in application.proposal.items():
        field = Account._meta.get_field(name)
        shown = dict(field.choices).get(value, value) if field.choices else value
        if isinstance(value, bool):
            shown = "是" if value else "否"
        proposal.append((field.verbose_name, shown))
    return render(
        request,
        "application_detail.html",
        str(application),
        {
            "application": application,
            "conditions": conditions,
            "proposal": proposal,
            "form": form,
            "can_decide": roles.sees_all_departments(request.user)
            and application.state == ApplicationState.SUBMITTED,
        },
    )


# --- posts -------------------------------------------------------------------------------------------------------


@staff_only
def post_list(request):
    qs = Post.objects.for_user(request.user).select_related("account__department")
    flagged = request.GET.get("flagged") == "1"
    if flagged:
        qs = qs.filter(needs_review=True)
    if request.method == "POST":
        post = get_object_or_404(Post.objects.for_user(request.user), pk=request.POST.get("post"))
        try:
            actions.review_post(request.user, post, request.POST.get("note", ""))
            messages.success(request, "已标记为核查完毕。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect(reverse("newmedia_posts") + ("?flagged=1" if flagged else ""))
    page = Paginator(qs, 50).get_page(request.GET.get("p"))
    return render(request, "post_list.html", "发文记录", {"page": page, "flagged": flagged})


# --- pushes ------------------------------------------------------------------------------------------------------


@staff_only
def push_list(request):
    office = roles.sees_all_departments(request.user)
    pushes = (
        Push.objects.all()
        if office and sites.is_platform_wide(request.user)
        else Push.objects.filter(targets__in=PushTarget.objects.for_user(request.user))
    )
    pushes = (
        pushes.distinct()
        .annotate(
            n_targets=Count("targets", distinct=True),
            n_done=Count("targets", filter=Q(targets__confirmed_at__isnull=False), distinct=True),
        )
        .order_by("-created_at", "-id")
    )
    page = Paginator(pushes, 30).get_page(request.GET.get("p"))
    return render(
        request, "push_list.html", "专项信息推送", {"page": page, "today": rules.local_date(clock.now())}
    )


@staff_only
def push_new(request):
    if not roles.sees_all_departments(request.user):
        raise PermissionDenied
    form = PushForm(request.POST or None, initial={"deadline": default_push_deadline()}, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            push = actions.create_push(
                request.user,
                title=data["title"],
                summary=data["summary"],
                deadline=data["deadline"],
                accounts=data["accounts"],
                page=data["page_id"],
                link_url=data["link_url"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已推送给 {push.targets.count()} 个账号。")
            return redirect("newmedia_push", pk=push.pk)
    return render(request, "push_form.html", "新建专项信息推送", {"form": form})


@staff_only
def push_detail(request, pk):
    push = get_object_or_404(Push.objects.select_related("page"), pk=pk)
    targets = PushTarget.objects.for_user(request.user).filter(push=push)
    if not sites.is_platform_wide(request.user) and not targets.exists():
        raise PermissionDenied  # another department's (or, for the office, another site's) push
    forms_by_target = {}
    if request.method == "POST":
        target = get_object_or_404(targets, pk=request.POST.get("target"))
        form = ConfirmPushForm(request.POST)
        if form.is_valid():
            try:
                actions.confirm_push(request.user, target, post_url=form.cleaned_data["post_url"])
                messages.success(request, f"已确认“{target.account}”转发。")
                return redirect("newmedia_push", pk=pk)
            except ValidationError as exc:
                apply_errors(form, exc)
        forms_by_target[target.pk] = form
    now = clock.now()
    rows = []
    for target in targets.select_related("account__department", "confirmed_by"):
        state = rules.push_target_state(target, push.deadline, now)
        rows.append(
            (target, state, rules.PushState.LABELS[state], forms_by_target.get(target.pk, ConfirmPushForm()))
        )
    counts = {label: sum(1 for r in rows if r[1] == state) for state, label in rules.PushState.LABELS.items()}
    return render(request, "push_detail.html", push.title, {"push": push, "rows": rows, "counts": counts})
