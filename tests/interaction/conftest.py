"""Fixtures of the interaction tests: routed categories, a submitted message, helpers for time."""

import datetime
import zoneinfo

import pytest

from gongkai.interaction import actions, intake
from gongkai.interaction.models import Category, Channel

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(y, m, d, hh=10, mm=0):
    """An aware Beijing time."""
    return datetime.datetime(y, m, d, hh, mm, tzinfo=SH)


@pytest.fixture(autouse=True)
def _fresh_categories():
    intake.clear_category_cache()
    yield
    intake.clear_category_cache()


@pytest.fixture
def routed(db, edu, hrss, office_dept):
    """The seeded categories (data migration), routed to the test departments."""
    Category.objects.filter(channel=Channel.MESSAGE, name="教育与入学").update(department=edu)
    Category.objects.filter(channel=Channel.MESSAGE, name="社保与就业").update(department=hrss)
    Category.objects.filter(channel=Channel.SITE_ERROR).update(department=office_dept)
    intake.clear_category_cache()  # .update() sends no signal
    return {"edu": edu, "hrss": hrss}


MESSAGE = {
    "name": "向红梅",
    "phone": "13907181234",
    "category": "教育与入学",
    "title": "孩子今年秋季小学入学划片咨询",
    "content": "我家住舞阳坝街道金桂大道，孩子今年满六周岁，请问划片对应哪所小学？需要准备哪些材料？",
    "public": True,
}


@pytest.fixture
def make_message(routed):
    def make(now=None, **over):
        cleaned, errors = intake.validate_message({**MESSAGE, **over})
        assert not errors, errors
        case, secret = actions.submit(Channel.MESSAGE, cleaned, now=now, received_at=now)
        assert secret
        case.secret = secret  # what the citizen's receipt showed (only its hash is stored)
        return case

    return make
