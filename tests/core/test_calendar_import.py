import datetime

import pytest

from gongkai.core import calendar_io, workdays
from gongkai.core.models import AuditRecord, CalendarDay

GOOD_2027 = """date,kind,name,source
2027-01-01,rest,元旦,国办发明电〔2026〕7号
2027-02-06,休息,春节,国办发明电〔2026〕7号
2027-02-07,rest,春节,国办发明电〔2026〕7号
2027-02-08,rest,春节,国办发明电〔2026〕7号
2027-02-20,workday,春节,国办发明电〔2026〕7号
"""


def test_import_enters_a_year_and_recomputes_deadlines(db, office_user):
    count, years = calendar_io.import_csv(GOOD_2027, office_user)
    assert (count, years) == (5, [2027])
    workdays.invalidate()
    assert workdays.covered_until() == datetime.date(2027, 12, 31)
    assert workdays.is_workday(datetime.date(2027, 2, 20))  # a Saturday, make-up day
    assert not workdays.is_workday(datetime.date(2027, 2, 8))
    assert AuditRecord.objects.filter(action="calendar.import", actor=office_user).count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,kind,name\n2027-02-30,rest,春节\n", "不是 YYYY-MM-DD"),
        ("date,kind,name\n2027-02-06,holiday,春节\n", "类型"),
        ("date,kind,name\n2027-02-08,workday,春节\n", "是工作日"),
        ("date,kind,name\n2027-02-06,rest,\n", "缺少节日名称"),
        ("日期,类型\n2027-02-06,rest\n", "列名"),
        ("date,kind,name\n2027-02-06,rest,春节\n2027-02-06,rest,春节\n", "重复"),
    ],
)
def test_a_file_with_a_bad_row_stores_nothing(db, office_user, text, message):
    before = CalendarDay.objects.count()
    with pytest.raises(calendar_io.CalendarImportError) as exc:
        body = text if text.startswith("日期") else GOOD_2027 + text.split("\n", 1)[1]
        calendar_io.import_csv(body, office_user)
    assert message in str(exc.value)
    assert CalendarDay.objects.count() == before
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_export_round_trips(db, office_user):
    calendar_io.import_csv(GOOD_2027, office_user)
    exported = calendar_io.export_csv([2027])
    rows, errors = calendar_io.parse_csv(exported)
    assert errors == [] and len(rows) == 5
