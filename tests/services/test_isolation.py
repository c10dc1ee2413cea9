"""Department isolation: staff see and edit only their department's items, Q&A, tables and guides."""

from datetime import date

import pytest

from gongkai.core.models import AuditRecord
from gongkai.services.models import DataTable, Guide, Question, ServiceItem


@pytest.fixture
def two_departments(edu, hrss, make_item):
    mine = make_item(edu, "教师资格认定")
    theirs = make_item(hrss, "失业保险金申领")
    for dept, text in [(edu, "教师资格证补发怎么办？"), (hrss, "社保卡丢了怎么补办？")]:
        Question.objects.create(
            question=text, answer="到窗口办理。", department=dept, published_on=date(2026, 5, 1)
        )
        DataTable.objects.create(
            title=f"{dept.name}数据",
            department=dept,
            columns="甲、乙",
            rows="1\t2",
            published_on=date(2026, 5, 1),
        )
        Guide.objects.create(title=f"{dept.name}操作指引", department=dept)
    return mine, theirs


@pytest.mark.parametrize("model", [ServiceItem, Question, DataTable, Guide])
def test_for_user_limits_staff_to_their_department(two_departments, edu, edu_editor, office_user, model):
    assert set(model.objects.for_user(edu_editor).values_list("department", flat=True)) == {edu.pk}
    assert model.objects.for_user(office_user).count() == 2


def test_admin_lists_and_edits_only_own_items(client, two_departments, edu_editor):
    mine, theirs = two_departments
    client.force_login(edu_editor)
    index = client.get("/admin/services_items/").content.decode()
    assert "教师资格认定" in index and "失业保险金申领" not in index
    assert client.get(f"/admin/services_items/edit/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/services_items/edit/{theirs.pk}/").status_code == 404
    assert client.get(f"/admin/services-items/{theirs.pk}/status/").status_code == 404
    assert (
        client.get(
            f"/admin/snippets/services/guide/edit/{Guide.objects.get(department=theirs.department).pk}/"
        ).status_code
        == 404
    )


def test_admin_edit_goes_through_the_audited_action(client, two_departments, edu_editor):
    mine, _ = two_departments
    client.force_login(edu_editor)
    form = client.get(f"/admin/services_items/edit/{mine.pk}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "department": mine.department_id,
            "fee": "按省定标准收取证书工本费 10 元",
            "themes": [],
            "reforms-TOTAL_FORMS": "0",
            "reforms-INITIAL_FORMS": "0",
            "reforms-MIN_NUM_FORMS": "0",
            "reforms-MAX_NUM_FORMS": "1000",
        }
    )
    response = client.post(f"/admin/services_items/edit/{mine.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    mine.refresh_from_db()
    assert mine.fee == "按省定标准收取证书工本费 10 元"
    record = AuditRecord.objects.filter(action="services.item_edit").latest("id")
    assert record.before["fee"] == "不收费" and record.after["fee"].endswith("10 元")


def test_a_published_item_cannot_be_edited_into_a_vetoed_guide(client, two_departments, edu_editor):
    mine, _ = two_departments
    client.force_login(edu_editor)
    form = client.get(f"/admin/services_items/edit/{mine.pk}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "department": mine.department_id,
            "basis": "",
            "conditions": "",
            "hours": "",
            "phone": "",
            "reforms-TOTAL_FORMS": "0",
            "reforms-INITIAL_FORMS": "0",
            "reforms-MIN_NUM_FORMS": "0",
            "reforms-MAX_NUM_FORMS": "1000",
        }
    )
    response = client.post(f"/admin/services_items/edit/{mine.pk}/", data)
    assert response.status_code == 200 and "单项否决" in response.content.decode()
    mine.refresh_from_db()
    assert mine.basis and mine.missing_count == 0


def test_publish_screen_refuses_a_vetoed_guide(client, edu, make_item, edu_editor):
    from gongkai.services.models import ItemStatus

    item = make_item(
        edu, "民办学校审批（新办）", status=ItemStatus.DRAFT, basis="", conditions="", hours="", phone=""
    )
    client.force_login(edu_editor)
    page = client.get(f"/admin/services-items/{item.pk}/status/").content.decode()
    assert "单项否决" in page and "disabled" in page
    client.post(f"/admin/services-items/{item.pk}/status/", {"action": "publish"})
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT


def test_incomplete_report_shows_own_department_only(client, edu, hrss, make_item, edu_editor):
    make_item(edu, "教师资格认定", phone="")
    make_item(hrss, "失业保险金申领", phone="")
    client.force_login(edu_editor)
    body = client.get("/admin/services-incomplete/").content.decode()
    assert "教师资格认定" in body and "失业保险金申领" not in body and "联系电话" in body


def test_a_reform_added_in_the_admin_form_sets_the_facet_flag(client, two_departments, edu_editor):
    mine, _ = two_departments
    client.force_login(edu_editor)
    form = client.get(f"/admin/services_items/edit/{mine.pk}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "department": mine.department_id,
            "reforms-TOTAL_FORMS": "1",
            "reforms-INITIAL_FORMS": "0",
            "reforms-MIN_NUM_FORMS": "0",
            "reforms-MAX_NUM_FORMS": "1000",
            "reforms-0-kind": "materials",
            "reforms-0-effective_on": "2025-04-01",
            "reforms-0-description": "学历证书改为数据共享核验",
            "reforms-0-materials_before": "4",
            "reforms-0-materials_after": "3",
            "reforms-0-ORDER": "1",
        }
    )
    response = client.post(f"/admin/services_items/edit/{mine.pk}/", data)
    assert response.status_code == 302, response.context["form"].formsets["reforms"].errors
    mine.refresh_from_db()
    assert mine.reform_materials
    assert mine.reforms.get().summary == "材料 4 件 → 3 件"
    # a reform that does not cut anything is refused with the reason, and nothing is stored
    data.update(
        {"reforms-TOTAL_FORMS": "1", "reforms-0-materials_before": "3", "reforms-0-materials_after": "5"}
    )
    data["reforms-INITIAL_FORMS"] = "1"
    data["reforms-0-id"] = str(mine.reforms.get().pk)
    response = client.post(f"/admin/services_items/edit/{mine.pk}/", data)
    assert response.status_code == 200 and "改革后材料数应少于改革前" in response.content.decode()
    assert mine.reforms.get().materials_after == 3
