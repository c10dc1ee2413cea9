"""Filters of the admin screens Wagtail draws for the catalog."""

from django import template
from django.apps import apps

from ..rules import may_create_page_type

register = template.Library()


@register.filter
def creatable_by(page_types, user):
    """The 新建页面 choices (Wagtail's (name, app label, model name, description) rows) the user may create."""
    return [row for row in page_types if may_create_page_type(user, apps.get_model(row[1], row[2]))]
