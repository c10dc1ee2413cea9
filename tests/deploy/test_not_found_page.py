"""A missing page answers in Chinese with a way home, not Django's English "Not Found" (issue 18 item 5)."""

import pytest


@pytest.fixture(autouse=True)
def _static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/zcjd/2026/bucunzai/", "/ysqgk/chaxun/fujian/999999/"])
def test_a_missing_page_is_a_chinese_404_with_a_link_home(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html and "页面不存在" in html and '<a href="/">返回首页</a>' in html
    assert "Not Found" not in html
