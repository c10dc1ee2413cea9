"""FOI fixtures: valid applications built through the real API checks and action functions."""

import datetime

import pytest
from django.utils import timezone

from gongkai.core.identity import make_uscc, resident_id_check_char
from gongkai.foi import actions, services

ID_BODY = "42280119650312004"
RESIDENT_ID = ID_BODY + resident_id_check_char(ID_BODY)
COMPANY_USCC = make_uscc("91", "422801", "3A8K2M7P")


def shanghai(year, month, day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def person_payload(**overrides):
    data = {
        "applicant_type": "natural_person",
        "name": "向春梅",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13907181234",
        "email": "xiangcm@example.com",
        "address": "湖北省恩施市舞阳坝街道金桂大道 88 号",
        "description": "请公开恩施市2025年城乡居民最低生活保障资金的发放标准及发放人数统计表。",
        "delivery_form": "email",
        "delivery_way": "online",
    }
    data.update(overrides)
    return data


def company_payload(**overrides):
    data = person_payload(
        applicant_type="organization",
        organization_type="commercial",
        name="恩施市硒源茶业有限公司",
        id_type="uscc",
        id_number=COMPANY_USCC,
        description="请公开2025年恩施市茶产业发展专项资金的分配方案及获得补助的企业名单。",
    )
    data.update(overrides)
    return data


@pytest.fixture
def submit_case(db):
    """Submit through the real checks; returns the application."""

    def make(payload=None, *, channel="online", actor=None, at=None):
        cleaned, errors = services.validate(payload or person_payload())
        assert errors == {}
        app, _ = actions.submit(cleaned, channel=channel, actor=actor, at=at)
        return app

    return make
