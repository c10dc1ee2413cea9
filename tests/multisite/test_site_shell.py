"""The shell of every site (issue 17 items 2 and 3, 国办发〔2017〕47号): the four hub pages of the main menu, 更多
and 我要看/办/查/问 on the home page, the HTML 网站地图, 联系我们 and 网站声明, the statutory footer, the Chinese 404
and 500 pages in the site's shell, breadcrumbs on the forms — each on the city's site and on 龙凤镇's, with its own
name."""

import re

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from gongkai.core import errors
from gongkai.portal.models import HomePage, HubPage, SimplePage, SiteIdentity
from gongkai.portal.setup import ensure_site_pages

from .conftest import B_HOST

HOSTS = {"a": {}, "b": {"HTTP_HOST": B_HOST}}
NAMES = {"a": "恩施市人民政府", "b": "恩施市龙凤镇人民政府"}


@pytest.fixture
def shells(two_sites, site_a, site_b):
    """Both sites with the pages setup gives every site (site_b is created inside the test's transaction, where
    the on-commit set-up does not run)."""
    identity = SiteIdentity.for_site(site_b)
    identity.sponsor, identity.contact_phone = "恩施市龙凤镇人民政府", "0718-8481234"
    identity.icp_number, identity.police_number = "鄂ICP备05003320号-3", "鄂公网安备 42280102000188号"
    identity.save()
    ensure_site_pages(site_b)
    return two_sites


def _get(client, key, url):
    return client.get(url, **HOSTS[key])


def _opens(client, key, url):
    return client.get(url, follow=True, **HOSTS[key]).status_code == 200


def _main(html):
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def _links(html):
    return [u for u in re.findall(r'<a[^>]*href="([^"#]+)"', html) if u.startswith("/")]


def test_a_new_site_gets_its_hubs_contact_and_statement_pages_from_its_own_identity(
    site_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        home = HomePage(title="恩施市白杨坪镇人民政府", slug="baiyangping")
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.create(
            hostname="byp.example.gov.cn", port=80, root_page=home, site_name=home.title
        )
        identity = SiteIdentity.for_site(site)
        identity.contact_phone = "0718-8491234"
        identity.save()
    # a new site's identity starts with its own name, never the city's
    assert identity.site_name == "恩施市白杨坪镇人民政府" and identity.sponsor == "恩施市白杨坪镇人民政府"
    children = {p.slug: p for p in Page.objects.child_of(home).live().specific()}
    assert [children[s].area for s in ("xxfb", "jdhy", "bsfw", "hdjl")] == ["xxfb", "jdhy", "bsfw", "hdjl"]
    assert all(isinstance(children[s], HubPage) and children[s].show_in_menus for s in ("xxfb", "hdjl"))
    contact, statement = children["lxwm"], children["wzsm"]
    assert isinstance(contact, SimplePage) and "0718-8491234" in contact.body
    assert "恩施市白杨坪镇人民政府" in statement.body and "隐私声明" in statement.body
    ensure_site_pages(site)  # idempotent
    assert Page.objects.child_of(home).count() == 6
    assert Page.objects.child_of(site_a.root_page).filter(slug__in=["xxfb", "lxwm"]).count() == 2


def test_a_demo_built_before_the_hubs_has_its_plain_area_pages_replaced(site_a):
    home = site_a.root_page.specific
    home.get_children().filter(slug="hdjl").delete()
    old = SimplePage(title="互动交流", slug="hdjl", show_in_menus=True, body="<p>征集调查</p>")
    home.add_child(instance=old)
    ensure_site_pages(site_a)
    hub = Page.objects.child_of(home).get(slug="hdjl").specific
    assert isinstance(hub, HubPage) and hub.area == "hdjl"


@pytest.mark.parametrize("key", ["a", "b"])
def test_hub_pages_show_each_sub_area_that_exists_and_every_link_opens(client, shells, key):
    own, other = shells[key]["item"].title, shells["b" if key == "a" else "a"]["item"].title
    xxfb = _main(_get(client, key, "/xxfb/").content.decode())
    assert "<h1>" in xxfb and "信息发布" in xxfb
    assert "政府信息公开目录" in xxfb and "通知公告" in xxfb and "基层政务公开标准目录" in xxfb
    assert own in xxfb and other not in xxfb  # the newest 通知公告 of this site only
    assert 'href="/xxfb/tzgg/"' in xxfb
    assert "政策文件" not in xxfb  # no policy item on either site: not promised, not even in the 导语
    jdhy = _main(_get(client, key, "/jdhy/").content.decode())
    assert "新闻发布会" not in jdhy and "本站暂未开设本功能区的栏目" in jdhy  # no 解读 yet
    hdjl = _main(_get(client, key, "/hdjl/").content.decode())
    assert "征集调查" not in hdjl
    for section in ("依申请公开", "留言咨询", "我为政府网站找错", "政务新媒体"):
        assert section in hdjl
    bsfw = _main(_get(client, key, "/bsfw/").content.decode())
    assert "主题服务" in bsfw and "我要看" in bsfw and "权责清单" in bsfw
    for html in (xxfb, hdjl, bsfw):
        for url in set(_links(html)):
            assert _opens(client, key, url), url


@pytest.mark.parametrize("key", ["a", "b"])
def test_the_cross_department_lists_of_a_hub(client, shells, key):
    own, other = shells[key]["item"].title, shells["b" if key == "a" else "a"]["item"].title
    html = _get(client, key, "/xxfb/tzgg/").content.decode()
    assert own in html and other not in html and "共 1 条" in html
    assert '<meta name="ColumnName" content="通知公告">' in html
    assert re.search(r'<nav class="breadcrumb".*?href="/xxfb/">信息发布</a>.*?通知公告', html, re.S)
    assert _get(client, key, "/xxfb/zcjd/").status_code == 404  # a 解读回应 list is not under 信息发布
    assert _get(client, key, "/xxfb/meiyou/").status_code == 404


@pytest.mark.parametrize("key", ["a", "b"])
def test_home_page_has_more_links_the_four_wants_and_no_dead_link(client, shells, key):
    html = _get(client, key, "/").content.decode()
    assert re.search(
        r'<a class="more" href="/xxfb/tzgg/">更多<span class="visually-hidden">通知公告</span>', html
    )
    assert 'href="/xxfb/zcwj/"' not in html  # no 政策文件 yet: no 更多 to an empty list
    assert '/xxgk/">通知公告' not in html  # the headings no longer all lead to the catalog
    for want, url in (("我要看", "/fuwu/wokan/"), ("我要办", "/fuwu/woban/"), ("我要查", "/fuwu/wocha/")):
        assert re.search(rf'<a href="{url}"><strong>{want}</strong>', html)
    assert '<a href="/xxfb/">信息发布</a>' in html
    for url in set(_links(_main(html))) | {"/lxwm/", "/wzsm/", "/wzdt/"}:
        assert _opens(client, key, url), url
    if key == "b":
        assert "/xxgk/zfb/flfg/" not in html  # the town has no 法律法规 column: no link to a 404


@pytest.mark.parametrize("key", ["a", "b"])
def test_html_site_map_is_the_sites_own_tree(client, shells, key):
    html = _get(client, key, "/wzdt/").content.decode()
    main = _main(html)
    assert "<h1>网站地图</h1>" in main and 'href="/sitemap.xml"' in main
    catalog = shells[key]["catalog"]
    for title in (
        "信息发布",
        "解读回应",
        "办事服务",
        "互动交流",
        "联系我们",
        "网站声明",
        catalog.title,
        "通知公告",
    ):
        assert f">{title}</a>" in main, title
    assert 'href="/liuyan/xie/">我要留言</a>' in main  # the forms, under their hub
    assert shells[key]["item"].title not in main  # items are not the tree
    other = shells["b" if key == "a" else "a"]["catalog"].title
    assert f">{other}</a>" not in main
    for url in set(_links(main)):
        assert _opens(client, key, url), url
    assert f"网站地图 - {NAMES[key]}" in html
    assert re.search(r'<footer.*href="/wzdt/">网站地图</a>', html, re.S)


@pytest.mark.parametrize("key", ["a", "b"])
def test_footer_per_the_web_design_rules(client, shells, key, site_a, site_b):
    site = site_a if key == "a" else site_b
    identity = SiteIdentity.for_site(site)
    identity.conac_url = "https://bszs.conac.cn/sitename?method=show&id=1234ABCD"
    identity.save()
    html = _get(client, key, "/xxfb/").content.decode()
    footer = re.search(r'<footer class="site-footer".*?</footer>', html, re.S).group(0)
    assert 'alt="党政机关网站标识（查看网站标识证书）"' in footer and "marks/conac" in footer
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=1234ABCD"' in footer
    assert f"主办单位：{identity.sponsor}" in footer and f"网站标识码：{identity.site_id_code}" in footer
    assert f'<a class="record-icp" href="https://beian.miit.gov.cn/">{identity.icp_number}</a>' in footer
    digits = "".join(c for c in identity.police_number if c.isdigit())
    assert f'href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={digits}"' in footer
    assert "marks/police" in footer and identity.police_number in footer
    for title, url in (("联系我们", "/lxwm/"), ("网站声明", "/wzsm/"), ("网站地图", "/wzdt/")):
        assert f'<a href="{url}">{title}</a>' in footer
    contact = _get(client, key, "/lxwm/").content.decode()
    assert identity.contact_phone in contact and identity.contact_address in contact
    statement = _get(client, key, "/wzsm/").content.decode()
    assert "隐私声明" in statement and f"{NAMES[key]}网站" in statement


@pytest.mark.parametrize("key", ["a", "b"])
def test_404_is_chinese_in_the_sites_shell_with_a_search_box(client, shells, key):
    response = _get(client, key, "/xxgk/meiyou-zhege-lanmu/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f"<title>页面不存在 - {NAMES[key]}</title>" in html
    assert "您访问的页面不存在" in html and "Not Found" not in html
    assert re.search(r'<form class="search-box search-big" role="search" action="/search/"', html)
    assert 'class="main-nav"' in html and 'role="contentinfo"' in html and "网站标识码" in html
    assert re.search(r'<nav class="breadcrumb".*?页面不存在', html, re.S)
    assert _get(client, key, "/api/v1/meiyou/").status_code == 404


def test_500_page_shows_the_site_without_the_database(client, shells, django_assert_num_queries):
    client.get("/", HTTP_HOST=B_HOST)  # builds the shell, which the error pages keep
    request = RequestFactory().get("/liuyan/", HTTP_HOST=B_HOST)
    with django_assert_num_queries(0):
        try:
            raise RuntimeError("模拟故障")
        except RuntimeError:
            response = errors.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器错误 - 恩施市龙凤镇人民政府" in html and "主办单位：恩施市龙凤镇人民政府" in html
    assert re.search(r'<form class="search-box" role="search" action="/search/"', html)
    # a host never seen: the platform's name alone, still Chinese, still the search box
    html = errors.server_error(RequestFactory().get("/", HTTP_HOST="localhost")).content.decode()
    assert "服务器错误" in html and 'name="q"' in html


FORMS = [
    ("/ysqgk/shenqing/", ["互动交流"], "政府信息公开申请"),
    ("/ysqgk/chaxun/", ["互动交流", "政府信息公开申请"], "申请进度查询"),
    ("/liuyan/", ["互动交流"], "留言咨询"),
    ("/liuyan/xie/", ["互动交流", "留言咨询"], "我要留言"),
    ("/liuyan/chaxun/", ["互动交流", "留言咨询"], "查询留言答复"),
    ("/jiucuo/", ["互动交流"], "我为政府网站找错"),
    ("/jiucuo/chaxun/", ["互动交流", "我为政府网站找错"], "查询办理结果"),
    ("/search/?q=危房改造", [], "站内搜索"),
    ("/xxgk/biaozhun/", ["信息发布"], "基层政务公开标准目录"),
]


@pytest.mark.parametrize("key", ["a", "b"])
@pytest.mark.parametrize(("url", "above", "title"), FORMS)
def test_breadcrumbs_on_the_forms_and_tracking_pages(client, shells, key, url, above, title):
    html = _get(client, key, url).content.decode()
    crumb = re.search(r'<nav class="breadcrumb" aria-label="当前位置">(.*?)</nav>', html, re.S)
    assert crumb, url
    labels = re.findall(r"<a [^>]*>([^<]+)</a>", crumb.group(1))
    assert labels == ["首页", *above]
    assert f'<li aria-current="page">{title}</li>' in crumb.group(1)
    for href in re.findall(r'href="([^"]+)"', crumb.group(1)):
        assert _opens(client, key, href), href


def test_town_pages_carry_the_towns_name_not_the_citys(client, shells, settings):
    fuwu = client.get("/fuwu/", HTTP_HOST=B_HOST).content.decode()
    assert "<title>主题服务 - 恩施市龙凤镇人民政府</title>" in fuwu
    xmt = client.get("/xmt/", HTTP_HOST=B_HOST).content.decode()
    assert "恩施市龙凤镇人民政府及所属各部门开设的" in xmt and "恩施市各部门" not in xmt
    jiucuo = client.get("/jiucuo/", HTTP_HOST=B_HOST).content.decode()
    assert f"如 http://{B_HOST}/…" in jiucuo and "www.enshi.gov.cn" not in jiucuo
    for url in (
        "/",
        "/xxfb/",
        "/hdjl/",
        "/bsfw/",
        "/wzdt/",
        "/lxwm/",
        "/wzsm/",
        "/fuwu/",
        "/xmt/",
        "/jiucuo/",
    ):
        html = client.get(url, HTTP_HOST=B_HOST).content.decode()
        assert "恩施市人民政府" not in html, url
    assert f"如 {settings.GONGKAI_BASE_URL.rstrip('/')}/…" in client.get("/jiucuo/").content.decode()
