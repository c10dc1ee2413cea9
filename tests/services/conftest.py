"""Fixtures of the service catalog: themes and complete/incomplete items built like staff would build them."""

from datetime import date

import pytest

from gongkai.services import actions
from gongkai.services.models import ItemStatus, Level, ListType, PowerKind, ServiceItem, Theme
from gongkai.services.rules import refresh_derived, theme_mask

COMPLETE = {
    "basis": "《中华人民共和国教师法》第十条；《教师资格条例》",
    "conditions": "遵守宪法和法律，热爱教育事业，具有良好的思想品德；具备规定的学历和教育教学能力。",
    "materials": "居民身份证（原件）\n学历证书（原件）\n普通话水平测试等级证书\n体检合格证明",
    "location": "恩施市民之家一楼教育局窗口",
    "agency": "恩施市教育局",
    "fee": "不收费",
    "hours": "工作日 上午 8:30—12:00，下午 14:30—17:30",
    "phone": "0718-8224561",
    "process": "网上申报\n现场确认\n审查\n认定\n发证",
}


@pytest.fixture
def themes(db):
    return {
        slug: Theme.objects.create(name=name, slug=slug, sort_order=i)
        for i, (name, slug) in enumerate([("教育", "jiaoyu"), ("就业创业", "jiuye"), ("社会保障", "shebao")])
    }


@pytest.fixture
def make_item(db):
    counter = {"n": 0}

    def make(department, name="教师资格认定", *, status=ItemStatus.PUBLISHED, themes=(), **fields):
        counter["n"] += 1
        values = {**COMPLETE, **fields}
        item = ServiceItem(
            department=department,
            code=values.pop("code", f"07{counter['n']:04d}-422801000000-000-{department.code}-3-00"),
            name=name,
            list_type=values.pop("list_type", ListType.POWER),
            power_kind=values.pop("power_kind", PowerKind.CONFIRMATION),
            level=values.pop("level", Level.CITY),
            **values,
        )
        refresh_derived(item, reforms=[])
        item.save()
        if themes:
            item.themes.set(themes)
            item.theme_mask = theme_mask(themes)
            item.save(update_fields=["theme_mask"])
        if status == ItemStatus.PUBLISHED:
            actions.publish_item(None, item)
        return item

    return make


@pytest.fixture
def today():
    return date(2026, 11, 27)
