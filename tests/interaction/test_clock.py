"""Deadlines of the three channels (RULES.md §6): working days on the statutory calendar for replies, calendar
hours for the "5+2" first action of 纠错 — weekends and holidays count there."""

import datetime

import pytest
from django.test import override_settings

from gongkai.interaction import clock
from gongkai.interaction.models import Case, Category, Channel, Status

from .conftest import at

D = datetime.date


@pytest.mark.parametrize(
    ("channel", "received", "reply_due", "first_due"),
    [
        # 纠错 on Wednesday evening 2026-09-30, the eve of National Day (10-01..10-07 off, Sat 10-10 worked):
        # first action within 24 calendar hours — on the holiday itself; reply in 3 working days: 10-08, 10-09,
        # and the make-up Saturday 10-10
        (Channel.SITE_ERROR, at(2026, 9, 30, 20, 30), D(2026, 10, 10), at(2026, 10, 1, 20, 30)),
        # 纠错 on Friday night 2026-09-25: first action due on Saturday night; reply Mon–Wed
        (Channel.SITE_ERROR, at(2026, 9, 25, 22, 0), D(2026, 9, 30), at(2026, 9, 26, 22, 0)),
        # 纠错 on Saturday 2026-10-03 (a holiday): the hour clock runs on 10-04 anyway
        (Channel.SITE_ERROR, at(2026, 10, 3, 9, 0), D(2026, 10, 10), at(2026, 10, 4, 9, 0)),
        # a message the same evening: 5 working days skip the holiday — 10-08, 09, 10 (Sat), 12, 13
        (Channel.MESSAGE, at(2026, 9, 30, 20, 30), D(2026, 10, 13), None),
        # a message on Friday 2026-11-27: the weekend is skipped
        (Channel.MESSAGE, at(2026, 11, 27, 18, 0), D(2026, 12, 4), None),
        # 07:00 in Beijing is the previous day in UTC: the Beijing date is what counts
        (Channel.MESSAGE, at(2026, 10, 9, 7, 0), D(2026, 10, 15), None),  # 10-10 (Sat) is worked
        # a 12345 ticket during the Spring Festival 2026 (02-15..02-23 off, Sat 02-28 worked)
        (Channel.HOTLINE, at(2026, 2, 16, 11, 0), D(2026, 2, 28), None),
    ],
)
def test_deadlines_per_channel(db, channel, received, reply_due, first_due):
    result = clock.deadlines_for(channel, None, received)
    assert result.reply_due == reply_due
    assert result.first_action_due == first_due
    assert not result.provisional


def test_category_overrides_the_channel_default(db):
    cat = Category.objects.get(channel=Channel.MESSAGE, name="政务公开")
    cat.reply_days = 3
    cat.save()
    assert clock.deadlines_for(Channel.MESSAGE, cat, at(2026, 11, 27)).reply_due == D(2026, 12, 2)
    cat = Category.objects.get(channel=Channel.SITE_ERROR, name="页面无法访问")
    cat.first_action_hours = 4
    cat.save()
    assert clock.deadlines_for(Channel.SITE_ERROR, cat, at(2026, 10, 1, 23, 0)).first_action_due == at(
        2026, 10, 2, 3
    )


@override_settings(GONGKAI_INTERACTION_DEADLINES={"message": {"reply_days": 10}})
def test_channel_default_is_a_setting(db):
    assert clock.deadlines_for(Channel.MESSAGE, None, at(2026, 11, 2)).reply_due == D(2026, 11, 16)


def test_explanation_names_the_skipped_holiday(db):
    text = clock.deadlines_for(Channel.SITE_ERROR, None, at(2026, 9, 30, 20, 30)).explanation
    assert "5+2" in text and "国庆" in text and "10月10日" in text


def test_deadline_past_the_calendar_is_provisional(db):
    result = clock.deadlines_for(Channel.MESSAGE, None, at(2027, 3, 1))
    assert result.provisional


def _case(**kw):
    base = {
        "channel": Channel.MESSAGE,
        "status": Status.ASSIGNED,
        "received_at": at(2026, 11, 2),
        "reply_due": D(2026, 11, 9),
    }
    return Case(**{**base, **kw})


@pytest.mark.parametrize(
    ("now", "colour"),
    [
        (at(2026, 11, 3), clock.GREEN),
        (at(2026, 11, 6), clock.YELLOW),  # Friday: one working day left (Monday 11-09)
        (at(2026, 11, 9, 17), clock.YELLOW),  # the last day
        (at(2026, 11, 10, 0, 5), clock.RED),
    ],
)
def test_traffic_light_of_the_reply_deadline(db, now, colour):
    assert clock.light(_case(), now) == colour


@pytest.mark.parametrize(
    ("now", "colour"),
    [
        (at(2026, 10, 1, 9), clock.GREEN),
        (at(2026, 10, 1, 16), clock.YELLOW),  # within 6 hours of 20:30
        (at(2026, 10, 1, 21), clock.RED),  # a holiday: the "5+2" clock is late anyway
    ],
)
def test_traffic_light_of_the_hour_clock(db, now, colour):
    case = _case(
        channel=Channel.SITE_ERROR,
        status=Status.RECEIVED,
        received_at=at(2026, 9, 30, 20, 30),
        first_action_due=at(2026, 10, 1, 20, 30),
        reply_due=D(2026, 10, 10),
    )
    assert clock.light(case, now) == colour


def test_no_light_once_replied_or_closed(db):
    assert (
        clock.light(_case(status=Status.PUBLISHED, first_replied_at=at(2026, 11, 4)), at(2026, 12, 1)) == ""
    )
    assert clock.light(_case(status=Status.CLOSED), at(2026, 12, 1)) == ""


@pytest.mark.parametrize(
    ("now", "level"),
    [
        (at(2026, 3, 1), ""),
        (at(2026, 4, 20), "warning"),  # 15 days or fewer before 05-05
        (at(2026, 5, 5, 23), "warning"),
        (at(2026, 5, 6, 8), "veto"),  # more than 3 months without a reply: national veto item
    ],
)
def test_three_month_unanswered_alarm(db, now, level):
    case = _case(received_at=at(2026, 2, 5), reply_due=D(2026, 2, 12))
    assert clock.alarm(case, now) == level


def test_no_alarm_for_invalid_or_answered(db):
    assert clock.alarm(_case(received_at=at(2026, 1, 5), status=Status.INVALID), at(2026, 6, 1)) == ""
    assert (
        clock.alarm(_case(received_at=at(2026, 1, 5), first_replied_at=at(2026, 1, 8)), at(2026, 6, 1)) == ""
    )


def test_add_months_clamps_to_month_end():
    assert clock.add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert clock.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
