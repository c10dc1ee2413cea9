"""GET /api/v1/services/items and /items/{code}."""

import pytest

from gongkai.services.models import ItemStatus


@pytest.fixture
def items(edu, hrss, themes, make_item):
    return [
        make_item(edu, "教师资格认定", themes=[themes["jiaoyu"]], visits=0),
        make_item(edu, "民办学校审批（新办）"),
        make_item(hrss, "失业保险金申领", themes=[themes["jiuye"]]),
        make_item(hrss, "未发布的事项", status=ItemStatus.DRAFT),
    ]


def test_list_filters_by_keyword_department_and_theme(client, items, edu):
    data = client.get("/api/v1/services/items", {"q": "认定"}).json()
    assert data["count"] == 1 and data["results"][0]["name"] == "教师资格认定"
    data = client.get("/api/v1/services/items", {"department": edu.pk}).json()
    assert {r["name"] for r in data["results"]} == {"教师资格认定", "民办学校审批（新办）"}
    data = client.get("/api/v1/services/items", {"theme": "jiuye"}).json()
    assert [r["department"] for r in data["results"]] == ["恩施市人力资源和社会保障局"]
    assert client.get("/api/v1/services/items").json()["count"] == 3  # the draft is not public


def test_bad_parameters_get_chinese_errors_per_field(client, items):
    response = client.get(
        "/api/v1/services/items", {"reform": "cut", "page": "0", "department": "教育局", "theme": "x"}
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"reform", "page", "department", "theme"}
    assert errors["page"] == "页码应为正整数。"
    response = client.get("/api/v1/services/items", {"page": "9"})
    assert response.status_code == 422 and "共 1 页" in response.json()["errors"]["page"]


def test_detail_gives_the_guide_elements(client, items):
    item = items[0]
    data = client.get(f"/api/v1/services/items/{item.code}").json()
    assert data["name"] == "教师资格认定" and data["elements"]["收费标准"] == "不收费"
    assert data["missing_elements"] == [] and data["themes"] == ["教育"]
    missing = client.get(f"/api/v1/services/items/{items[3].code}")
    assert missing.status_code == 404 and "code" in missing.json()["errors"]
