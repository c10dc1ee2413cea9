"""机构与人员 (Wagtail admin): the system administrator keeps the departments and the staff accounts — a new
department gets its catalog, a new account its department and roles (三员分立 checked), a moved or deactivated one
loses what it no longer may do. Every change is one audited action (actions.py). A system administrator bound to a
department works on that department's site; one without a department (the usual case) on every site."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.models import Site

from gongkai.core import roles

from . import actions
from .forms import DepartmentForm, PasswordResetForm, StaffCreateForm, StaffEditForm
from .models import Department

User = get_user_model()


def can_manage(user):
    return user.is_authenticated and (user.is_superuser or roles.has_role(user, roles.SYSADMIN))


def _require(request):
    if not can_manage(request.user):
        raise PermissionDenied


def _sites(user):
    department = roles.user_department(user)
    if user.is_superuser or department is None or department.site_id is None:
        return Site.objects.order_by("pk")
    return Site.objects.filter(pk=department.site_id)


def _departments(user):
    site_ids = list(_sites(user).values_list("pk", flat=True))
    q = Q(site__in=site_ids)
    if Site.objects.filter(pk__in=site_ids, is_default_site=True).exists():
        q |= Q(site__isnull=True)
    return Department.objects.filter(q)


def _staff(user):
    """The accounts the administrator keeps: staff of their departments, and accounts without a department (the
    three administrators, platform-wide offices) when they work on every site. Superusers are not kept here."""
    departments = _departments(user)
    accounts = User.objects.filter(is_staff=True, is_superuser=False)
    q = Q(staff__department__in=departments)
    if _sites(user).count() == Site.objects.count():
        q |= Q(staff__isnull=True) | Q(staff__department__isnull=True)
    return accounts.filter(q)


def _page(request, template, title, status=200, **context):
    return TemplateResponse(
        request,
        f"org/admin/{template}",
        {"page_title": title, "header_title": title, "header_icon": "group", **context},
        status=status,
    )


# --- departments ----------------------------------------------------------------------------------------------


def department_list(request):
    _require(request)
    departments = (
        _departments(request.user)
        .select_related("site")
        .annotate(staff_count=Count("staff", filter=Q(staff__user__is_active=True)))
        .order_by("site_id", "sort_order", "pk")
    )
    return _page(request, "departments.html", "部门管理", departments=departments)


def department_edit(request, pk=None):
    _require(request)
    department = get_object_or_404(_departments(request.user), pk=pk) if pk else Department()
    form = DepartmentForm(request.POST or None, instance=department, site_queryset=_sites(request.user))
    if request.method == "POST" and form.is_valid():
        adding = department.pk is None
        actions.save_department(request.user, form.save(commit=False))
        messages.success(
            request,
            f"已新建部门“{department.name}”，并在所属网站的信息公开目录中建好了它的栏目。"
            if adding
            else f"已保存部门“{department.name}”。",
        )
        return redirect("org_departments")
    return _page(
        request,
        "form.html",
        f"修改部门：{department.name}" if pk else "新建部门",
        form=form,
        back="org_departments",
        status=400 if request.method == "POST" else 200,
    )


# --- staff ----------------------------------------------------------------------------------------------------


def staff_list(request):
    _require(request)
    accounts = _staff(request.user).select_related("staff__department").prefetch_related("groups")
    department = request.GET.get("department", "")
    if department.isdecimal():
        accounts = accounts.filter(staff__department_id=department)
    query = request.GET.get("q", "").strip()
    if query:
        accounts = accounts.filter(Q(username__icontains=query) | Q(first_name__icontains=query))
    rows = [
        {
            "user": u,
            "department": getattr(getattr(u, "staff", None), "department", None),
            "roles": [g.name for g in u.groups.all() if g.name in roles.ALL_ROLES],
        }
        for u in accounts.order_by("-is_active", "staff__department__sort_order", "username")
    ]
    return _page(
        request,
        "staff.html",
        "工作人员账号",
        rows=rows,
        departments=_departments(request.user).order_by("sort_order"),
        chosen=department,
        query=query,
    )


def staff_create(request):
    _require(request)
    form = StaffCreateForm(request.POST or None, departments=_departments(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = actions.create_staff(
                request.user,
                username=data["username"],
                full_name=data["full_name"],
                password=data["password1"],
                department=data["department"],
                role_list=data["roles"],
                title=data["title"],
                email=data["email"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已创建账号 {user.username}；请将初始密码当面或线下告知本人。")
            return redirect("org_staff")
    return _page(request, "form.html", "新建工作人员账号", form=form, back="org_staff",
                 status=400 if request.method == "POST" else 200)  # fmt: skip


def staff_edit(request, pk):
    _require(request)
    account = get_object_or_404(_staff(request.user).select_related("staff__department"), pk=pk)
    profile = getattr(account, "staff", None)
    current_roles = [n for n in account.groups.values_list("name", flat=True) if n in roles.ALL_ROLES]
    initial = {
        "full_name": account.first_name,
        "email": account.email,
        "title": profile.title if profile else "",
        "department": profile.department_id if profile else None,
        "roles": current_roles,
        "active": account.is_active,
    }
    form = StaffEditForm(
        request.POST or None, initial=initial, departments=_departments(request.user), user=account
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if account.pk == request.user.pk and (not data["active"] or roles.SYSADMIN not in data["roles"]):
            form.add_error(None, "不能停用自己的账号或取消自己的系统管理员角色：请由另一名系统管理员操作。")
        else:
            try:
                with transaction.atomic():
                    actions.update_staff(
                        request.user,
                        account,
                        full_name=data["full_name"],
                        email=data["email"],
                        title=data["title"],
                        department=data["department"],
                        active=data["active"],
                    )
                    if sorted(data["roles"]) != sorted(current_roles):
                        actions.set_roles(request.user, account, data["roles"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"已保存账号 {account.username}。")
                return redirect("org_staff")
    return _page(
        request,
        "form.html",
        f"修改账号：{account.username}",
        form=form,
        back="org_staff",
        password_form=PasswordResetForm(),
        account=account,
        status=400 if request.method == "POST" else 200,
    )


def staff_password(request, pk):
    _require(request)
    account = get_object_or_404(_staff(request.user), pk=pk)
    if request.method != "POST":
        return redirect("org_staff_edit", pk=pk)
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            actions.reset_password(request.user, account, form.cleaned_data["password1"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"已为 {account.username} 设置临时密码；该账号下次登录时须修改密码。")
            return redirect("org_staff")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("org_staff_edit", pk=pk)
