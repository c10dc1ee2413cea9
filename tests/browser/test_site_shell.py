"""The site's shell in a real browser (issue 17, 国办发〔2017〕47号): the hub pages, 更多 from the home page, the HTML
网站地图, the statutory footer with its marks, the Chinese 404 page whose search box works, breadcrumbs on the forms.
Screenshots go to /tmp/gongkai-shell-*.png."""

import os

import pytest

if not os.path.exists("/usr/bin/chromium"):
    pytest.skip(
        "需要 /usr/bin/chromium（Debian 的 chromium 软件包）才能运行浏览器测试", allow_module_level=True
    )

pytestmark = pytest.mark.browser


def _image_loaded(page, selector):
    return page.eval_on_selector(selector, "img => img.complete && img.naturalWidth > 0")


def test_home_more_link_leads_to_the_list_and_the_hub_shows_its_sub_areas(pages, new_page):
    page = new_page()
    page.goto(pages["home"])
    page.screenshot(path="/tmp/gongkai-shell-home.png", full_page=True)
    wants = page.locator("nav.home-wants a")
    assert wants.count() == 4 and wants.first.inner_text().startswith("我要看")
    more = page.locator("section[aria-labelledby=hb-notice] a.more")
    assert more.inner_text().startswith("更多")
    more.click()
    page.wait_for_url("**/xxfb/tzgg/")
    assert page.locator("h1").inner_text() == "通知公告"
    assert page.locator("ul.item-list li").count() >= 1
    page.locator("nav.breadcrumb").get_by_role("link", name="信息发布").click()
    page.wait_for_url("**/xxfb/")
    assert page.locator("h1").inner_text() == "信息发布"
    headings = page.locator(".hub-section h2").all_inner_texts()
    assert "政府信息公开目录" in headings and "通知公告" in headings
    page.screenshot(path="/tmp/gongkai-shell-hub.png", full_page=True)
    page.goto(pages["home"] + "hdjl/")
    headings = page.locator(".hub-section h2").all_inner_texts()
    assert {"依申请公开", "留言咨询", "我为政府网站找错"} <= set(
        headings
    ) and "征集调查" not in page.content()
    page.locator(".hub-section").filter(has_text="留言咨询").get_by_role("link", name="我要留言").click()
    page.wait_for_url("**/liuyan/xie/")


def test_footer_marks_links_and_the_html_site_map(pages, new_page):
    page = new_page()
    page.goto(pages["home"] + "xxfb/")
    footer = page.locator("footer.site-footer")
    footer.scroll_into_view_if_needed()
    footer.screenshot(path="/tmp/gongkai-shell-footer.png")
    assert _image_loaded(page, "footer .footer-mark img") and _image_loaded(page, "footer .record-police img")
    assert page.get_attribute("footer .footer-mark img", "alt").startswith("党政机关网站标识")
    assert page.get_attribute("footer a.record-icp", "href") == "https://beian.miit.gov.cn/"
    assert page.get_attribute("footer a.record-police", "href").startswith("http://www.beian.gov.cn/")
    assert "网站标识码" in footer.inner_text()
    footer.get_by_role("link", name="联系我们").click()
    page.wait_for_url("**/lxwm/")
    assert page.locator("h1").inner_text() == "联系我们" and "联系电话" in page.locator("main").inner_text()
    page.locator("footer").get_by_role("link", name="网站声明").click()
    page.wait_for_url("**/wzsm/")
    assert "隐私声明" in page.locator("main").inner_text()
    page.locator("footer").get_by_role("link", name="网站地图").click()
    page.wait_for_url("**/wzdt/")
    assert page.locator("h1").inner_text() == "网站地图"
    top = page.locator("ul.site-map-top > li > a").all_inner_texts()
    assert top[:5] == ["首页", "信息发布", "解读回应", "办事服务", "互动交流"]
    page.screenshot(path="/tmp/gongkai-shell-sitemap.png", full_page=True)
    page.locator(".site-map").get_by_role("link", name="我要留言").click()
    page.wait_for_url("**/liuyan/xie/")


def test_404_page_is_chinese_in_the_shell_and_its_search_box_works(pages, new_page):
    page = new_page()
    response = page.goto(pages["home"] + "xxgk/meiyou-zhege-lanmu/")
    assert response.status == 404
    assert "页面不存在" in page.title() and "您访问的页面不存在" in page.locator("h1").inner_text()
    assert page.locator("nav.main-nav").is_visible() and page.locator("footer.site-footer").is_visible()
    page.screenshot(path="/tmp/gongkai-shell-404.png", full_page=True)
    page.get_by_label("搜索本站").fill("招生")
    page.locator("form.search-big").get_by_role("button", name="搜索").click()
    page.wait_for_url("**/search/?q=*")
    assert page.locator("h1").inner_text() == "站内搜索"
    assert page.locator("nav.breadcrumb [aria-current=page]").inner_text() == "站内搜索"


@pytest.mark.parametrize(
    ("path", "trail"),
    [
        ("ysqgk/shenqing/", ["首页", "互动交流", "政府信息公开申请"]),
        ("liuyan/xie/", ["首页", "互动交流", "留言咨询", "我要留言"]),
        ("jiucuo/", ["首页", "互动交流", "我为政府网站找错"]),
        ("ysqgk/chaxun/", ["首页", "互动交流", "政府信息公开申请", "申请进度查询"]),
    ],
)
def test_breadcrumbs_on_the_forms(pages, new_page, path, trail):
    page = new_page()
    page.goto(pages["home"] + path)
    crumb = page.get_by_role("navigation", name="当前位置")
    assert crumb.is_visible()
    assert [t.strip() for t in crumb.locator("li").all_inner_texts()] == trail
    crumb.get_by_role("link", name="互动交流").click()
    page.wait_for_url("**/hdjl/")
    assert page.locator("h1").inner_text() == "互动交流"
