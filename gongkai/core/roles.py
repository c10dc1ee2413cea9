"""The roles of MISSION.md, as Django groups with fixed names, and the rules between them.

三员分立: the system, security and audit administrators are three separate accounts; no account holds two of
the three, nor one of them together with a business role (editor, reviewer, office) or a department's staff group
(which carries the page permissions on that department's catalog), and none of them is a superuser (a superuser
would hold all three at once). A superuser exists only for installation and emergencies: it cannot hold a business
role either, must use the TOTP second factor, and each of its logins is audited.

先审查后发布: drafting (信息员), 初审, 保密审查 and 终审 are four people — one account holding two of these steps would
approve its own work, and the review chain would be a formality.

Roles change only in 机构与人员 (`gongkai/org/admin_views.py`, the audited `gongkai/org/actions.py`); Wagtail's and
Django's generic account screens lead there (`gongkai/org/wagtail_users.py`, `admin.py`). The names live here, on the
ground floor, because every app checks them and core must not import upwards.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

EDITOR = "信息员"
REVIEWER_SECTION = "科室审核人"
REVIEWER_SECRECY = "保密审查员"
REVIEWER_LEADER = "分管领导"
OFFICE = "政务公开办"
OFFICE_HEAD = "政务公开办负责人"
SYSADMIN = "系统管理员"
SECADMIN = "安全管理员"
AUDITOR = "审计管理员"

DEPARTMENT_ROLES = [EDITOR, REVIEWER_SECTION, REVIEWER_SECRECY, REVIEWER_LEADER]
REVIEW_CHAIN = DEPARTMENT_ROLES  # drafting and the three review steps: one person each
DEPARTMENT_GROUP_PREFIX = "部门："  # Department.group_name
OFFICE_ROLES = [OFFICE, OFFICE_HEAD]
THREE_ADMINS = [SYSADMIN, SECADMIN, AUDITOR]
ALL_ROLES = DEPARTMENT_ROLES + OFFICE_ROLES + THREE_ADMINS

ROLE_DESCRIPTIONS = {
    EDITOR: "本部门政府信息的起草与报送",
    REVIEWER_SECTION: "初审（科室负责人）",
    REVIEWER_SECRECY: "保密审查",
    REVIEWER_LEADER: "终审（分管领导）",
    OFFICE: "目录维护、依申请公开与留言的受理转办、督办、考评与年报",
    OFFICE_HEAD: "政务公开办负责人：批准延期答复等",
    SYSADMIN: "系统管理员：账号与角色",
    SECADMIN: "安全管理员：安全策略与敏感词库",
    AUDITOR: "审计管理员：只读审计日志",
}


def role_names(user):
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_gongkai_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._gongkai_roles = cached
    return cached


def has_role(user, *roles):
    return bool(role_names(user) & set(roles))


def is_office(user):
    return has_role(user, OFFICE, OFFICE_HEAD)


def sees_all_departments(user):
    """The disclosure office works across departments; everyone else sees only their own department."""
    return getattr(user, "is_superuser", False) or is_office(user)


def user_department(user):
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "staff", None)
    return profile.department if profile else None


def check_separation(user, new_group_names):
    """Refuse any set of groups that gives one account two of the three administrator roles, an administrator
    role with a business role or a department's page permissions (三员分立), or two steps of the review chain."""
    admins = set(new_group_names) & set(THREE_ADMINS)
    if len(admins) > 1:
        raise ValidationError(
            "三员分立：系统管理员、安全管理员、审计管理员不能由同一账号兼任（%(roles)s）。"
            % {"roles": "、".join(sorted(admins))}
        )
    business = set(new_group_names) & set(DEPARTMENT_ROLES + OFFICE_ROLES)
    if admins and business:
        raise ValidationError(
            "三员分立：%(admin)s账号不能同时承担业务角色（%(roles)s），请为业务工作另设账号。"
            % {"admin": "、".join(sorted(admins)), "roles": "、".join(sorted(business))}
        )
    staff_groups = {n for n in new_group_names if n.startswith(DEPARTMENT_GROUP_PREFIX)}
    if admins and staff_groups:
        raise ValidationError(
            "三员分立：%(admin)s账号不能加入部门工作组（%(groups)s）：部门工作组带有该部门信息公开目录的编辑权限。"
            % {"admin": "、".join(sorted(admins)), "groups": "、".join(sorted(staff_groups))}
        )
    chain = [name for name in REVIEW_CHAIN if name in set(new_group_names)]
    if len(chain) > 1:
        raise ValidationError(
            "先审查后发布：起草、初审、保密审查、终审须由不同人员承担，同一账号不能兼任（%(roles)s）。"
            % {"roles": "、".join(chain)}
        )
    if admins and getattr(user, "is_superuser", False):
        raise ValidationError("三员分立：三员账号不能是超级用户。")
    if business and getattr(user, "is_superuser", False):
        raise ValidationError("超级用户只用于系统初始化和应急，不能承担日常业务角色。")


def ensure_groups():
    return {name: Group.objects.get_or_create(name=name)[0] for name in ALL_ROLES}
