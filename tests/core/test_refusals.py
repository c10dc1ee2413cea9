"""One kind of refusal (issue 16 item 3): the pillars' permission and state refusals derive from
core.refusals.Refused, carry a Chinese reason, and one middleware answers those no view caught with 403 or 409."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import path

from gongkai.core.refusals import NotPermitted, Refused
from gongkai.foi.actions import ActionError, DuplicateSubmission
from gongkai.interaction.rules import TransitionError
from gongkai.services import actions as services_actions


def refuse_a_move(request):
    raise TransitionError("当前状态为“已办结”，不能执行“转办”。")


def refuse_a_person(request):
    raise NotPermitted("只能维护本部门的事项。")


def refuse_without_a_reason(request):
    raise PermissionDenied


urlpatterns = [
    path("cases/move/", refuse_a_move),
    path("api/v1/cases/move/", refuse_a_move),
    path("items/edit/", refuse_a_person),
    path("items/plain/", refuse_without_a_reason),
]


def test_the_pillars_refusals_are_one_kind():
    assert issubclass(ActionError, Refused) and issubclass(DuplicateSubmission, Refused)
    assert issubclass(TransitionError, Refused)
    assert issubclass(NotPermitted, Refused) and issubclass(NotPermitted, PermissionDenied)
    assert (Refused.status, TransitionError.status, ActionError.status, NotPermitted.status) == (
        409,
        409,
        409,
        403,
    )


def test_a_department_guard_refuses_with_its_chinese_reason(edu_editor, hrss):
    with pytest.raises(NotPermitted) as refusal:
        services_actions.check_department(edu_editor, hrss)
    assert refusal.value.message == "只能维护本部门的事项。" and refusal.value.status == 403


@pytest.mark.urls("tests.core.test_refusals")
def test_an_uncaught_state_refusal_is_a_409_page_with_its_reason(client, db):
    response = client.get("/cases/move/")
    assert response.status_code == 409
    html = response.content.decode()
    assert "操作未被接受（409）" in html and "当前状态为“已办结”，不能执行“转办”。" in html


@pytest.mark.urls("tests.core.test_refusals")
def test_under_the_api_the_refusal_is_chinese_json(client, db):
    response = client.get("/api/v1/cases/move/")
    assert response.status_code == 409
    assert json.loads(response.content) == {"errors": {"__all__": "当前状态为“已办结”，不能执行“转办”。"}}


@pytest.mark.urls("tests.core.test_refusals")
def test_an_uncaught_permission_refusal_is_a_403_with_its_reason(client, db):
    response = client.get("/items/edit/")
    assert response.status_code == 403 and "只能维护本部门的事项。" in response.content.decode()
    assert client.get("/items/plain/").status_code == 403  # a bare PermissionDenied: Django's own answer
