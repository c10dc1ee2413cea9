import pytest


def test_add_workdays_endpoint_explains_the_national_day_week(client, db):
    response = client.get("/api/v1/calendar/add-workdays", {"start": "2026-09-28", "days": "20"})
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2026-10-30"
    assert body["provisional"] is False
    assert {"date": "2026-10-01", "reason": "国庆节"} in body["skipped"]
    assert body["makeup_workdays"][0]["date"] == "2026-10-10"
    assert "国庆节" in response.content.decode()  # UTF-8, not \u escapes


def test_a_deadline_past_the_calendar_is_provisional(client, db):
    body = client.get("/api/v1/calendar/add-workdays", {"start": "2026-12-31", "days": "20"}).json()
    assert body["provisional"] is True
    assert body["due"] == "2027-01-28"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-02-30", "days": "5"}, "start"),
        ({"start": "20260928", "days": "5"}, "start"),
        ({"start": "2026-09-28", "days": "-1"}, "days"),
        ({"start": "2026-09-28", "days": "99999"}, "days"),
        ({"start": "2026-09-28", "days": "二十"}, "days"),
        ({"start": "1900-01-01", "days": "5"}, "start"),
    ],
)
def test_bad_input_gets_a_400_in_chinese(client, db, params, field):
    response = client.get("/api/v1/calendar/add-workdays", params)
    assert response.status_code == 400
    message = response.json()["errors"][field]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_missing_parameters_get_a_chinese_error(client, db):
    response = client.get("/api/v1/calendar/add-workdays")
    assert response.status_code == 422
    assert response.json()["errors"]["start"] == "此项为必填项。"


def test_openapi_document_describes_the_endpoint(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/calendar/add-workdays" in doc["paths"]
