"""One date style on public pages (issue 17): 2026年9月7日, never 2026年09月07日 beside 2026-12-02."""

import datetime
import zoneinfo

from django.template import Context, Template

from gongkai.core.templatetags.cn_dates import cn_date, cn_datetime


def test_dates_without_zero_padding():
    assert cn_date(datetime.date(2026, 9, 7)) == "2026年9月7日"
    assert cn_date(datetime.date(2026, 12, 2)) == "2026年12月2日"
    assert cn_date(None) == "" and cn_date("") == ""
    # an aware datetime is shown in Beijing time: 16:30 UTC on 6 September is 7 September there
    late = datetime.datetime(2026, 9, 6, 16, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert cn_date(late) == "2026年9月7日"
    assert cn_datetime(late) == "2026年9月7日 00:30"
    assert cn_datetime(datetime.date(2026, 9, 7)) == "2026年9月7日"


def test_the_filter_is_built_in_for_every_template():
    template = Template("{{ day|cn_date }}，{{ at|cn_datetime }}")
    at = datetime.datetime(2026, 12, 2, 9, 5, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert (
        template.render(Context({"day": datetime.date(2026, 9, 7), "at": at}))
        == "2026年9月7日，2026年12月2日 09:05"
    )


def test_public_templates_write_dates_one_way():
    """No public template formats a date itself (the staff pages under admin/ keep their compact forms)."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "gongkai"
    offenders = []
    for path in root.glob("*/templates/**/*.html"):
        rel = path.relative_to(root).as_posix()
        if "/admin/" in rel or rel.startswith("assessment/") or "wagtailadmin" in rel:
            continue
        for match in re.finditer(
            r'\|date:"(Y-m-d|Y年m月d日|Y年n月j日|m-d|Y-m-d H:i)[^"]*"', path.read_text()
        ):
            offenders.append(f"{rel}: {match.group(0)}")
    assert offenders == []
