"""The public shell: site identity, landmarks, footer, no third-party assets."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Site

from gongkai.portal.models import SiteIdentity


@pytest.fixture
def portal(db):
    from io import StringIO

    call_command("demo", "--only", "portal", stdout=StringIO())
    return Site.objects.get(is_default_site=True)


def test_home_page_carries_identity_meta_and_footer(client, portal):
    identity = SiteIdentity.for_site(portal)
    identity.site_id_code = "4228010001"
    identity.icp_number = "鄂ICP备05003320号"
    identity.save()
    html = client.get("/").content.decode()
    assert '<html lang="zh-CN">' in html
    assert '<meta name="SiteName" content="恩施市人民政府">' in html
    assert '<meta name="SiteIDCode" content="4228010001">' in html
    assert '<meta name="ColumnName" content="首页">' in html
    assert "主办单位：恩施市人民政府办公室" in html
    assert "网站标识码：4228010001" in html
    assert "鄂ICP备05003320号" in html
    assert "我为政府网站找错" in html


def test_home_page_has_landmarks_skip_link_and_search_box(client, portal):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html and 'id="main"' in html
    assert 'role="banner"' in html and 'role="contentinfo"' in html and "<main" in html
    assert re.search(r'<input[^>]*type="search"[^>]*name="q"', html)
    for area in ("信息发布", "解读回应", "办事服务", "互动交流"):
        assert area in html


def test_no_third_party_requests(client, portal):
    """Nothing the page loads comes from another host (scripts, styles, images); the footer's links to the two
    备案 registries are links a visitor may follow, not requests the page makes."""
    html = client.get("/").content.decode()
    loaded = re.findall(r'src="([^"]+)"', html) + re.findall(r'<link[^>]*href="([^"]+)"', html)
    assert loaded
    for url in loaded:
        assert not url.startswith(("http://", "https://", "//")), url
    outside = {
        u for u in re.findall(r'<a[^>]*href="([^"]+)"', html) if u.startswith(("http://", "https://", "//"))
    }
    assert outside <= {
        "https://beian.miit.gov.cn/",
        "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=42280102000101",
    }


def test_demo_is_idempotent(portal):
    from io import StringIO

    from wagtail.models import Page

    before = Page.objects.count()
    call_command("demo", "--only", "portal", stdout=StringIO())
    assert Page.objects.count() == before


def test_the_cached_main_navigation_follows_publish_unpublish_and_rename(client, portal):
    """The menu is cached per site (one query less on every page); any change to a menu page shows at once."""
    from wagtail.models import Page

    def nav():
        html = client.get("/").content.decode()
        return re.search(r'<nav[^>]*class="main-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)

    area = Page.objects.get(title="互动交流", depth=3).specific
    assert "互动交流" in nav()
    area.unpublish()
    assert "互动交流" not in nav()
    area.title = "互动交流平台"
    area.save_revision().publish()
    assert "互动交流平台" in nav()
    area = Page.objects.get(pk=area.pk).specific  # as published
    area.title = "政民互动"
    area.save()  # a plain save, no publication, also forgets the cached menu
    assert "政民互动" in nav()
