"""Departments, staff and the roles of MISSION.md."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import scope


class Department(models.Model):
    """A unit that publishes information and answers cases: a city department, or a town/street (乡镇街道)."""

    class Kind(models.TextChoices):
        CITY = "city", _("市直部门")
        TOWN = "town", _("乡镇（街道）")
        OFFICE = "office", _("政务公开办")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        help_text=_("18 位统一社会信用代码（或 9 位组织机构代码），用作索引号前缀"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.CITY)
    doc_prefix = models.CharField(
        _("发文字号前缀"), max_length=20, blank=True, help_text=_("如：恩施市政办发")
    )
    phone = models.CharField(_("公开咨询电话"), max_length=40, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("在用"), default=True)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("所属网站"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="departments",
        help_text=_("集约化：部门属于平台上的一个网站；留空为默认网站"),
    )

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # one deployment, many sites (docs/multisite.md): a department created without a site joins the default one
        if self.site_id is None and self._state.adding:
            site = scope.default_site()
            self.site_id = site.pk if site else None
        super().save(*args, **kwargs)

    @property
    def group_name(self):
        return f"部门：{self.name}"

    def staff_group(self):
        """The group every member of the department belongs to; page permissions on the department's catalog
        subtree are granted to it (so a department's staff touch only their own department's pages)."""
        from django.contrib.auth.models import Group

        return Group.objects.get_or_create(name=self.group_name)[0]


class StaffProfile(models.Model):
    """Binds a staff account to its department. Roles are Django groups (see `roles.py`)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff")
    department = models.ForeignKey(
        Department,
        verbose_name=_("所属部门"),
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
    )
    title = models.CharField(_("职务"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()}（{self.department or '未分配部门'}）"


class DepartmentScopedQuerySet(models.QuerySet):
    """Department isolation in the query layer: `Model.objects.for_user(user)` is what a user may see."""

    department_field = "department"
    #: a model's own site field, for objects filed on a site before a department is assigned (FOI requests,
    #: messages); None: the site is that of the owner department
    site_field = None

    def site_path(self):
        """The lookup from this model to its site."""
        if self.site_field:
            return self.site_field
        if self.department_field in ("pk", "id"):  # a queryset of departments themselves
            return "site"
        return f"{self.department_field}__site"

    def for_user(self, user):
        from gongkai.core.roles import sees_all_departments, user_department

        if sees_all_departments(user):
            # the disclosure office works across the departments of its own site; platform-wide: everything
            return scope.filter_for_user(self, user, self.site_path())
        department = user_department(user)
        if department is None:
            return self.none()
        return self.filter(**{self.department_field: department.pk})


class DepartmentOwned(models.Model):
    """Abstract base for anything with an owner department."""

    department = models.ForeignKey(
        Department, verbose_name=_("责任部门"), on_delete=models.PROTECT, related_name="+"
    )

    objects = DepartmentScopedQuerySet.as_manager()

    class Meta:
        abstract = True
