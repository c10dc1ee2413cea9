"""Fixtures of the site health tests: a fixed Beijing "now", dated catalog items, a crawl that never runs
against a real address unless the test serves one."""

import datetime
import zoneinfo

import pytest

from gongkai.disclosure import setup
from gongkai.disclosure.actions import lift_none_yet
from gongkai.disclosure.models import GovInfoPage

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(y, m, d, hh=9, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=SH)


@pytest.fixture(autouse=True)
def _no_real_site(settings):
    # a run started by a test that does not serve a site must not reach whatever listens on :8000
    settings.GONGKAI_HEALTH_BASE_URL = "http://127.0.0.1:9/"
    settings.GONGKAI_HEALTH_DELAY = 0
    settings.GONGKAI_HEALTH_TIMEOUT = 2


@pytest.fixture
def add_item(catalog, topic):
    """A live item in a department's column with the publish date the disclosure app would have recorded."""
    counter = {"n": 0}

    def add(department_key, column, published, title=None):
        counter["n"] += 1
        parent = setup.column(catalog[department_key], *column)
        department = catalog[department_key].department
        page = GovInfoPage(
            title=title or f"恩施市{department.short_name}工作动态第{counter['n']}期",
            department=department,
            topic=topic,
            genre="通知",
            written_date=published,
            body="<p>全市义务教育阶段学校秋季开学工作平稳有序。</p>",
        )
        parent.add_child(instance=page)
        # a new item is saved as a draft (先审查后发布): this one stands for an item its review published
        GovInfoPage.objects.filter(pk=page.pk).update(live=True, published_date=published)
        lift_none_yet(page)  # as record_publication does at a first publication
        return page

    return add
