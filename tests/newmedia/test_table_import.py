"""Posts from a CSV/XLSX export of the platform's back office: imported whole or not at all."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.newmedia import actions, imports
from gongkai.newmedia.models import PostSource

from .conftest import SHANGHAI

CSV = "标题,发布时间,链接\n恩施市中考考点安排及考生须知,2026-06-10 09:30,https://mp.weixin.qq.com/s/zk\n学生资助政策问答,2026/11/20,\n"


def test_csv_in_utf8_and_in_gbk_as_excel_saves_it():
    for encoding in ("utf-8-sig", "gbk"):
        items = imports.parse_table(CSV.encode(encoding), "export.csv")
        assert [i.title for i in items] == ["恩施市中考考点安排及考生须知", "学生资助政策问答"]
        assert items[0].published_at == datetime.datetime(2026, 6, 10, 9, 30, tzinfo=SHANGHAI)
        assert items[1].published_at == datetime.datetime(
            2026, 11, 20, 0, 0, tzinfo=SHANGHAI
        )  # a bare date counts from 00:00: never fresher than it was
        assert items[0].url == "https://mp.weixin.qq.com/s/zk"


def xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_real_dates():
    content = xlsx(
        [
            ["作品标题", "发布时间", "原文链接"],
            [
                "恩施公安提醒：这些电信诈骗新套路要当心",
                datetime.datetime(2026, 11, 2, 20, 15),
                "https://www.douyin.com/video/1",
            ],
        ]
    )
    [item] = imports.parse_table(content, "抖音作品导出.xlsx")
    assert item.published_at == datetime.datetime(2026, 11, 2, 20, 15, tzinfo=SHANGHAI)


def test_every_bad_row_is_listed_and_nothing_is_returned():
    content = "标题,发布时间,链接\n好的一行,2026-11-01 08:00,\n,2026-11-02,\n第四行,十一月三日,\n第五行,2026-11-04,ftp://x\n"
    with pytest.raises(imports.SourceError) as exc:
        imports.parse_table(content.encode(), "x.csv")
    assert exc.value.errors == [
        "第 3 行：缺少标题。",
        "第 4 行：发布时间格式不正确（应为 2026-03-05 09:30 这样的格式）。",
        "第 5 行：链接须以 http:// 或 https:// 开头。",
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "x.csv", "文件为空。"),
        (b"title,url\nx,https://a\n", "x.csv", "表头缺少列：发布时间（第一行应为 标题、发布时间、链接）。"),
        (
            "标题,发布时间\n".encode() * 1,
            "x.xlsx",
            "文件内容不是 .xlsx 格式（旧版 .xls 请另存为 .xlsx 或 CSV）。",
        ),
        (b"PK\x03\x04not really a zip", "x.xlsx", "无法读取该 Excel 文件，请确认是 .xlsx 格式。"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "x.csv", "文件不是文本格式的 CSV。"),
        (b"x" * (imports.MAX_FILE_BYTES + 1), "x.csv", "文件过大（上限 2 MB）。"),
    ],
)
def test_files_are_checked_by_content(content, name, message):
    with pytest.raises(imports.SourceError) as exc:
        imports.parse_table(content, name)
    assert exc.value.errors == [message]


def test_import_through_the_admin_and_a_bad_file_changes_nothing(client, edu_wechat, edu_editor, post):
    post(edu_wechat, "已有的一条", days_ago=2)
    client.force_login(edu_editor)
    url = f"/admin/newmedia/accounts/{edu_wechat.pk}/"
    bad = "标题,发布时间,链接\n好的一行,2026-11-01 08:00,\n坏的一行,昨天,\n".encode()
    response = client.post(url, {"action": "import", "file": SimpleUploadedFile("导出.csv", bad)})
    assert response.status_code == 200
    assert "第 3 行：发布时间格式不正确" in response.content.decode()
    assert list(edu_wechat.posts.values_list("title", flat=True)) == ["已有的一条"]
    response = client.post(url, {"action": "import", "file": SimpleUploadedFile("导出.csv", CSV.encode())})
    assert response.status_code == 302
    assert edu_wechat.posts.count() == 3
    assert set(edu_wechat.posts.values_list("source", flat=True)) == {PostSource.FILE}


def test_manual_entry(client, edu_wechat, edu_editor, now):
    client.force_login(edu_editor)
    url = f"/admin/newmedia/accounts/{edu_wechat.pk}/"
    response = client.post(
        url,
        {"action": "post", "title": "教育部门提醒：警惕暑期校外培训陷阱", "published_at": "2026-12-01T09:00"},
    )
    assert response.status_code == 200 and "发布时间不能晚于当前时间。" in response.content.decode()
    response = client.post(
        url,
        {
            "action": "post",
            "title": "教育部门提醒：警惕暑期校外培训陷阱",
            "published_at": "2026-11-26T09:00",
            "url": "https://mp.weixin.qq.com/s/px",
        },
    )
    assert response.status_code == 302
    post = edu_wechat.posts.get()
    assert post.source == PostSource.MANUAL
    with pytest.raises(Exception, match="已登记过"):
        actions.add_post(
            edu_editor, edu_wechat, title="同一链接再登记", published_at=post.published_at, url=post.url
        )


def test_imported_text_goes_through_the_precheck_and_is_flagged(edu_wechat, office_user, now):
    result = actions.import_posts(
        None,
        edu_wechat,
        [
            actions.PostItem(
                title="关于对张某某（联系电话13972712345）违规办学行为的处理通报",
                published_at=now() - datetime.timedelta(days=1),
                url="https://mp.weixin.qq.com/s/a",
            ),
            actions.PostItem(
                title="扎实推进乡村振心",
                published_at=now() - datetime.timedelta(days=2),
                url="https://mp.weixin.qq.com/s/b",
            ),
            actions.PostItem(
                title="恩施市学生资助政策问答",
                published_at=now() - datetime.timedelta(days=3),
                url="https://mp.weixin.qq.com/s/c",
            ),
        ],
        source=PostSource.FEED,
    )
    assert result.flagged == 2
    flagged = {p.title: p.findings for p in edu_wechat.posts.filter(needs_review=True)}
    assert [f["kind"] for f in flagged["关于对张某某（联系电话13972712345）违规办学行为的处理通报"]] == [
        "mobile"
    ]
    assert "乡村振兴" in flagged["扎实推进乡村振心"][0]["message"]
    actions.review_post(office_user, edu_wechat.posts.get(title="扎实推进乡村振心"), "已通知更正。")
    assert edu_wechat.posts.filter(needs_review=True).count() == 1
