"""Fixed data for the assessment tests: rows of the other apps as they stand after their own actions, with the
dates that matter set explicitly (the measures read only stored facts)."""

import datetime
import itertools
import zoneinfo

import pytest

from gongkai.foi import rules as foi_rules
from gongkai.foi.models import Application, Status
from gongkai.interaction.models import Case, Channel, RatingRecord
from gongkai.interaction.models import Status as CaseStatus
from gongkai.newmedia.models import Account, Post

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
_serial = itertools.count(1)


def at(day, hour=10):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SH)


def d(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def foi_case(db):
    def make(department, receipt, due=None, closed=None, **extra):
        n = next(_serial)
        return Application.objects.create(
            tracking_code=f"YS2025{n:05d}",
            secret_hash="x" * 64,
            channel=foi_rules.Channel.ONLINE,
            applicant_type="natural_person",
            category="natural_person",
            name="向春梅",
            id_type="resident_id",
            id_number="422801196503120049",
            identity_key=f"k{n}",
            phone="13907181234",
            description="请公开恩施市2025年城乡居民最低生活保障资金的发放标准及发放人数统计表。",
            text_key=f"t{n}",
            delivery_form="email",
            delivery_way="online",
            status=Status.CLOSED if closed else Status.ASSIGNED,
            department=department,
            submitted_at=at(d(receipt)),
            receipt_date=d(receipt),
            due_date=d(due) if due else None,
            closed_on=d(closed) if closed else None,
            closed_at=at(d(closed)) if closed else None,
            outcome="disclosed" if closed else "",
            **extra,
        )

    return make


@pytest.fixture
def message(db):
    def make(department, received, due, replied=None, channel=Channel.MESSAGE, **extra):
        n = next(_serial)
        status = CaseStatus.PUBLISHED if replied else CaseStatus.ASSIGNED
        return Case.objects.create(
            channel=channel,
            code=f"LY2025{n:05d}",
            status=status,
            title="孩子今年秋季小学入学划片咨询",
            content="我家住舞阳坝街道金桂大道，孩子今年满六周岁，请问划片对应哪所小学？",
            dedupe_key=f"dedupe{n}",
            department=department,
            received_at=at(d(received)),
            reply_due=d(due) if due else None,
            first_replied_at=at(d(replied), 16) if replied else None,
            reply_submitted_at=at(d(replied), 15) if replied else None,
            **extra,
        )

    return make


@pytest.fixture
def rate(db):
    def make(case, rating, day):
        return RatingRecord.objects.create(
            case=case, rating=rating, old_status=case.status, new_status=case.status, at=at(d(day))
        )

    return make


@pytest.fixture
def account(db):
    def make(department, name="恩施教育", opened="2025-01-01", posts=()):
        acc = Account.objects.create(
            department=department, platform="wechat", name=name, opened_at=at(d(opened))
        )
        Post.objects.bulk_create(
            Post(
                account=acc,
                title=f"{name}动态 {day}",
                published_at=at(d(day)),
                external_id=f"{name}-{day}",
                source="manual",
            )
            for day in posts
        )
        return acc

    return make
