"""The admin menu offers each role only what it may open: an entry that answers 403 on click is not shown."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from gongkai.core import roles
from tests.security.helpers import sign_in

OVERDUE = "/admin/disclosure/overdue/"


def menu_urls(html):
    """Every address of the sidebar's main menu, submenus included, as Wagtail hands them to its sidebar script."""
    props = BeautifulSoup(html, "html.parser").find(id="wagtail-sidebar-props").string
    return set(re.findall(r'"url": "(/admin/[^"]*)"', json.dumps(json.loads(props), ensure_ascii=False)))


@pytest.mark.parametrize("role", roles.THREE_ADMINS)
def test_the_three_administrators_are_not_offered_what_refuses_them(client, make_staff, catalog, role):
    admin = make_staff(
        None, role, username={"系统管理员": "sysadmin", "安全管理员": "secadmin"}.get(role, "auditor")
    )
    sign_in(client, admin)
    urls = menu_urls(client.get("/admin/").content.decode())
    assert OVERDUE not in urls
    refused = [url for url in sorted(urls) if client.get(url).status_code == 403]
    assert refused == []


def test_department_staff_and_the_office_find_the_overdue_report(client, catalog, edu_editor, office_user):
    for user in (edu_editor, office_user):
        sign_in(client, user)
        assert OVERDUE in menu_urls(client.get("/admin/").content.decode())
        assert client.get(OVERDUE).status_code == 200
