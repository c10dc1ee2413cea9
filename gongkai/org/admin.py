"""Django's admin (`/django-admin/`) keeps no accounts or groups: its user form would let whoever may change users
tick 超级用户 or give any account any single permission (审计日志 included) past 三员分立 and the audit trail.
Accounts and roles are kept in 机构与人员 (admin_views.py). `django.contrib.auth.admin` is imported here so that its
registrations exist to be taken back, whatever order the admin modules are discovered in."""

import django.contrib.auth.admin  # noqa: F401 — registers User and Group
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

for _model in (get_user_model(), Group):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
