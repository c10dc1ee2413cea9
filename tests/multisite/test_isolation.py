"""集约化 (MISSION B5): two sites on one platform; no site's staff can see or touch another site's departments,
items, FOI requests or messages — in the query layer, the action functions and the admin screens."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.core import roles
from gongkai.core.identity import resident_id_check_char
from gongkai.foi import actions as foi_actions
from gongkai.foi import services as foi_services
from gongkai.foi.models import Application
from gongkai.interaction import actions as case_actions
from gongkai.interaction import intake
from gongkai.interaction.models import Case, Category, Channel
from gongkai.org import sites
from gongkai.org.models import Department

from .conftest import B_HOST

APPLICANT = {
    "applicant_type": "natural_person",
    "name": "覃志强",
    "id_type": "resident_id",
    "id_number": "42280119780312426" + resident_id_check_char("42280119780312426"),
    "phone": "13972716688",
    "delivery_form": "email",
    "delivery_way": "online",
    "email": "qinzq@example.com",
}


def _foi(site, description):
    cleaned, errors = foi_services.validate({**APPLICANT, "description": description})
    assert not errors, errors
    app, _ = foi_actions.submit(cleaned, site=site)
    return app


def _message(site, category, title):
    intake.clear_category_cache()
    cleaned, errors = intake.validate_message(
        {
            "name": "杨春生",
            "phone": "13907186623",
            "category": category,
            "title": title,
            "public": True,
            "content": "龙马村五组到六组的通组公路还是泥巴路，雨天车辆无法通行，请问有没有硬化计划？",
        },
        site=site,
    )
    assert not errors, errors
    case, _ = case_actions.submit(Channel.MESSAGE, cleaned, site=site)
    return case


@pytest.fixture
def cases(two_sites, site_a, site_b, edu, b_dept):
    Category.objects.filter(channel=Channel.MESSAGE, name="教育与入学").update(department=edu)
    Category.objects.create(channel=Channel.MESSAGE, name="龙凤镇村镇建设", department=b_dept)
    return {
        "foi_a": _foi(site_a, "请公开恩施市2026年义务教育阶段学校划片范围。"),
        "foi_b": _foi(site_b, "请公开龙凤镇2026年农村危房改造补助资金发放明细。"),
        "msg_a": _message(site_a, "教育与入学", "孩子秋季入学划片咨询"),
        "msg_b": _message(site_b, "龙凤镇村镇建设", "龙马村通组公路何时硬化"),
    }


def test_departments_created_without_a_site_join_the_default_site(site_a, edu, b_dept, site_b):
    assert edu.site == site_a
    assert b_dept.site == site_b


def test_each_office_lists_only_its_own_sites_departments_requests_and_messages(
    cases, a_office, b_office, edu, b_dept, office_dept, b_office_dept
):
    assert set(sites.departments_for_user(a_office)) == {edu, office_dept}
    assert set(sites.departments_for_user(b_office)) == {b_dept, b_office_dept}
    assert list(Application.objects.for_user(a_office)) == [cases["foi_a"]]
    assert list(Application.objects.for_user(b_office)) == [cases["foi_b"]]
    assert list(Case.objects.for_user(a_office)) == [cases["msg_a"]]
    assert list(Case.objects.for_user(b_office)) == [cases["msg_b"]]


def test_a_platform_wide_office_and_a_superuser_see_every_site(cases, make_staff, django_user_model):
    platform = make_staff(None, roles.OFFICE, username="zhou_gkb")
    root = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    for user in (platform, root):
        assert Application.objects.for_user(user).count() == 2
        assert Case.objects.for_user(user).count() == 2
        assert Department.objects.filter(pk__in=sites.departments_for_user(user)).count() == 4


def test_department_staff_of_b_see_only_their_department(cases, b_editor, b_office, b_dept):
    foi_actions.confirm_receipt(b_office, cases["foi_b"])
    foi_actions.assign(b_office, cases["foi_b"], b_dept)
    assert list(Application.objects.for_user(b_editor)) == [cases["foi_b"]]
    assert not Case.objects.for_user(b_editor).exists()  # not dispatched to them yet


def test_filing_on_a_site_puts_the_request_and_the_message_on_that_site(cases, site_a, site_b):
    assert cases["foi_b"].site == site_b and cases["foi_a"].site == site_a
    assert cases["msg_b"].site == site_b and cases["msg_a"].site == site_a
    assert cases["msg_b"].suggested_department.site == site_b


def test_the_office_of_one_site_cannot_act_on_another_sites_request(cases, a_office, b_office, edu, b_dept):
    with pytest.raises(foi_actions.ActionError, match="不属于您所在网站"):
        foi_actions.confirm_receipt(a_office, cases["foi_b"])
    foi_actions.confirm_receipt(b_office, cases["foi_b"])
    with pytest.raises(foi_actions.ActionError, match="本网站的部门"):
        foi_actions.assign(b_office, cases["foi_b"], edu)  # a department of the other site
    foi_actions.assign(b_office, cases["foi_b"], b_dept)
    cases["foi_b"].refresh_from_db()
    assert cases["foi_b"].department == b_dept


def test_the_office_of_one_site_cannot_dispatch_another_sites_message(cases, a_office, b_office, edu, b_dept):
    with pytest.raises(PermissionDenied):
        case_actions.dispatch(a_office, cases["msg_b"], edu)
    with pytest.raises(Exception, match="本网站的部门"):
        case_actions.dispatch(b_office, cases["msg_b"], edu)
    case = case_actions.dispatch(b_office, cases["msg_b"], b_dept)
    assert case.department == b_dept


def test_admin_screens_of_one_office_never_show_the_other_sites_cases(client, cases, a_office):
    client.force_login(a_office)
    html = client.get(reverse("foi_workbench")).content.decode()
    assert cases["foi_a"].tracking_code in html and cases["foi_b"].tracking_code not in html
    assert client.get(reverse("foi_case", args=[cases["foi_b"].pk])).status_code == 404
    assert client.get(reverse("foi_case", args=[cases["foi_a"].pk])).status_code == 200
    queue = client.get(reverse("interaction_cases") + "?queue=all").content.decode()
    assert "孩子秋季入学划片咨询" in queue and "龙马村通组公路何时硬化" not in queue
    assert client.get(reverse("interaction_case", args=[cases["msg_b"].pk])).status_code == 404
    # the dispatch form offers only the office's own site's departments
    detail = client.get(reverse("interaction_case", args=[cases["msg_a"].pk])).content.decode()
    assert "恩施市教育局" in detail and "龙凤镇村镇建设办公室" not in detail


def test_posting_an_action_on_another_sites_case_is_refused(client, cases, a_office, edu):
    client.force_login(a_office)
    r = client.post(
        reverse("foi_action", args=[cases["foi_b"].pk, "confirm"]), {"action": "confirm"}, follow=False
    )
    assert r.status_code == 404
    cases["foi_b"].refresh_from_db()
    assert cases["foi_b"].receipt_date is None
    r = client.post(
        reverse("interaction_case", args=[cases["msg_b"].pk]), {"action": "dispatch", "department": edu.pk}
    )
    assert r.status_code == 404
    assert Case.objects.get(pk=cases["msg_b"].pk).department is None


def test_page_permissions_follow_the_site(two_sites, a_office, b_office, client):
    item_b, item_a = two_sites["b"]["item"], two_sites["a"]["item"]
    assert not item_b.permissions_for_user(a_office).can_edit()
    assert item_b.permissions_for_user(b_office).can_edit()
    assert item_a.permissions_for_user(a_office).can_edit()
    assert not item_a.permissions_for_user(b_office).can_edit()
    client.force_login(a_office)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[item_b.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[item_a.pk])).status_code == 200


def test_only_the_items_own_office_may_withdraw_it(two_sites, a_office, b_office):
    from gongkai.disclosure.actions import may_manage_published

    item_b = two_sites["b"]["item"]
    assert may_manage_published(b_office, item_b)
    assert not may_manage_published(a_office, item_b)


def test_role_change_moves_the_account_between_office_groups(b_office, make_staff, b_dept):
    from gongkai.org.actions import set_roles

    assert b_office.groups.filter(name__startswith=sites.OFFICE_GROUP_PREFIX).count() == 1
    set_roles(None, b_office, [roles.EDITOR])
    assert not b_office.groups.filter(name__startswith=sites.OFFICE_GROUP_PREFIX).exists()


def test_host_header_selects_the_site(client, two_sites):
    assert client.get("/", HTTP_HOST=B_HOST).context["page"].title == "恩施市龙凤镇人民政府"
    assert client.get("/").context["page"].title == "恩施市人民政府"
