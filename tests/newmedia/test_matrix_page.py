"""The public 政务新媒体矩阵 at /xmt/: accounts by department and platform, QR/link, latest posts."""

import re

import pytest

from gongkai.newmedia import actions
from gongkai.newmedia.models import AccountStatus, Platform, PostSource


@pytest.fixture
def matrix(edu_wechat, hrss_wechat, make_account, edu, post, now):
    for days, title in [
        (5, "恩施市中考考点安排及考生须知"),
        (3, "学生资助政策问答"),
        (2, "秋季开学安全提示"),
        (1, "2026年城区义务教育招生入学公告"),
    ]:
        post(edu_wechat, title, days)
    make_account(edu, Platform.CHANNELS, "恩施教育")  # 视频号: no public link, so no QR
    closed = make_account(edu, Platform.WEIBO, "恩施教育发布")
    closed.status = AccountStatus.CLOSED
    closed.save()


def test_accounts_by_department_with_qr_and_latest_posts(client, matrix, edu_wechat):
    html = client.get("/xmt/").content.decode()
    assert "<h1>政务新媒体矩阵</h1>" in html
    assert '<h2 id="dept-' in html and "恩施市教育局" in html and "恩施市人力资源和社会保障局" in html
    assert f'src="/xmt/qr/{edu_wechat.pk}.svg"' in html and "“恩施教育”微信公众号二维码" in html
    assert (
        "2026年城区义务教育招生入学公告" in html and "学生资助政策问答" in html and "秋季开学安全提示" in html
    )
    assert "恩施市中考考点安排及考生须知" not in html  # only the three newest
    assert "恩施教育发布" not in html  # closed
    assert html.count('class="xmt-account"') == 3


def test_filter_by_platform_without_javascript(client, matrix):
    html = client.get("/xmt/?platform=channels").content.decode()
    assert html.count('class="xmt-account"') == 1
    assert '<span aria-current="true">视频号（1）</span>' in html


def test_qr_code_is_drawn_on_the_server(client, edu_wechat, make_account, edu):
    response = client.get(f"/xmt/qr/{edu_wechat.pk}.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg") and b"<path" in response.content
    no_link = make_account(edu, Platform.CHANNELS, "恩施教育")
    assert client.get(f"/xmt/qr/{no_link.pk}.svg").status_code == 404


def test_personal_data_in_a_post_title_never_reaches_the_page(client, edu_wechat, now):
    actions.import_posts(
        None,
        edu_wechat,
        [
            actions.PostItem(
                title="关于张某某（电话13972712345）的处理通报", published_at=now(), url="https://e.cn/1"
            )
        ],
        source=PostSource.FEED,
    )
    html = client.get("/xmt/").content.decode()
    assert "13972712345" not in html and "关于张某某" in html


def test_no_third_party_assets_and_constant_queries(
    client, matrix, make_account, edu, post, django_assert_num_queries
):
    for i in range(8):
        account = make_account(
            edu, Platform.OTHER, f"恩施教育{i}", exception_reason="测试用", url=f"https://e.cn/{i}"
        )
        post(account, f"第{i}条", 1)
    client.get("/xmt/")  # the site shell's settings row is created on the first request
    # accounts, latest posts (one window query), platform counts; + the shell's site and site identity
    with django_assert_num_queries(5):
        html = client.get("/xmt/").content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        if url.startswith(("http://", "https://")):
            assert 'rel="noopener"' in html  # outbound links to the accounts themselves only
        assert not url.startswith("//"), url
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="https?://', html)
