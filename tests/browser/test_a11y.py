"""适老化 and accessibility in a real browser (RULES.md §7): axe-core on every page type in both modes, the toolbar
changes size and contrast and persists, keyboard-only operation with visible focus, kiosk, print."""

import os

import pytest

from gongkai.portal import a11y

if not os.path.exists("/usr/bin/chromium"):
    pytest.skip(
        "需要 /usr/bin/chromium（Debian 的 chromium 软件包）才能运行浏览器测试", allow_module_level=True
    )

pytestmark = pytest.mark.browser

ELDER = a11y.ELDER.cookie_value()
CONTRAST = a11y.apply(a11y.ELDER, "contrast-on").cookie_value()


def font_px(page, selector="body"):
    return float(page.eval_on_selector(selector, "e => getComputedStyle(e).fontSize").removesuffix("px"))


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


#: every public page type (issue 17 item 5): path from the test site (tests/browser/site.py) or the site root
PAGE_KINDS = {
    "home": "home",
    "hub": "/xxfb/",  # 信息发布 (a main-menu hub)
    "hub-list": "/xxfb/tzgg/",  # a hub's cross-department list
    "site-map": "/wzdt/",  # 网站地图
    "simple-page": "/wzsm/",  # 网站声明
    "catalog": "catalog",
    "column": "column",
    "item": "item",
    "filter-form": ("column", "?year=2026&validity=valid"),
    "services": "services",  # 主题服务
    "theme": "theme",
    "service-catalog": ("service_catalog", "?q=入学"),  # 事项目录 with its facets
    "service-guide": "service_item",  # 办事指南
    "question": "question",  # 问答
    "guide": "guide",  # 操作指引
    "search": "/search/?q=招生",
    "foi-form": "/ysqgk/shenqing/",  # 依申请公开申请
    "foi-track": "/ysqgk/chaxun/",  # 申请进度查询
    "message-form": "/liuyan/xie/",  # 写留言
    "message-board": "/liuyan/",
    "message": "message",  # 留言详情
    "error-form": "/jiucuo/",  # 我为政府网站找错
    "newmedia": "/xmt/",  # 政务新媒体
    "not-found": "/meiyou-zhege-yemian/",
}


def _url(pages, kind):
    target = PAGE_KINDS[kind]
    key, query = target if isinstance(target, tuple) else (target, "")
    if key.startswith("/"):
        return pages["home"] + key[1:]
    return pages[key] + query


@pytest.mark.parametrize("mode", ["standard", "elder", "elder-contrast"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_axe_reports_no_serious_or_critical_violation(pages, new_page, kind, mode):
    cookie = {"standard": None, "elder": ELDER, "elder-contrast": CONTRAST}[mode]
    page = new_page(cookie=cookie, base=pages["home"])
    response = page.goto(_url(pages, kind))
    assert response.status == (404 if kind == "not-found" else 200)
    if mode != "standard" and kind != "not-found":
        assert "gk-elder" in page.evaluate("document.documentElement.className")
    assert serious_violations(page) == []


def test_toolbar_changes_size_and_contrast_and_persists(pages, new_page):
    page = new_page()
    page.goto(pages["home"])
    assert font_px(page) == 16
    page.screenshot(path="/tmp/gongkai-a11y-standard.png", full_page=True)
    page.get_by_role("link", name="适老化", exact=True).click()
    page.wait_for_function("document.documentElement.classList.contains('gk-elder')")
    assert font_px(page) == 24  # 18 pt
    assert float(page.eval_on_selector("body", "e => parseFloat(getComputedStyle(e).lineHeight)")) / 24 >= 1.8
    page.get_by_role("link", name="A+ 放大").click()
    page.wait_for_function("document.documentElement.classList.contains('gk-size-3')")
    assert font_px(page) == 32
    page.get_by_role("link", name="高对比度", exact=True).click()
    page.wait_for_function("document.documentElement.classList.contains('gk-contrast')")
    assert page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor") == "rgb(0, 0, 0)"
    assert page.eval_on_selector("body", "e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    assert "cursors/arrow" in page.eval_on_selector("main", "e => getComputedStyle(e).cursor")
    page.screenshot(path="/tmp/gongkai-a11y-elder.png", full_page=True)
    # remembered on the next page, and after a reload
    page.goto(pages["column"])
    assert font_px(page) == 32
    assert page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor") == "rgb(0, 0, 0)"
    page.reload()
    assert font_px(page) == 32
    page.get_by_role("link", name="退出适老化").click()
    page.wait_for_function("!document.documentElement.classList.contains('gk-elder')")
    assert font_px(page) == 16


def test_toolbar_works_without_javascript(pages, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(pages["column"])
    page.get_by_role("link", name="适老化", exact=True).click()
    page.wait_for_load_state()
    assert page.url == pages["column"]
    assert font_px(page) == 24
    assert page.get_by_role("link", name="退出适老化").is_visible()
    page.get_by_role("link", name="高对比度", exact=True).click()
    page.wait_for_load_state()
    page.goto(pages["item"])
    assert font_px(page) == 24
    assert page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor") == "rgb(0, 0, 0)"


def _focus_is_visible(page):
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }"""
    )


@pytest.mark.parametrize("cookie", [None, ELDER])
def test_keyboard_reaches_every_header_and_toolbar_control(pages, new_page, cookie):
    page = new_page(cookie=cookie, base=pages["home"])
    page.goto(pages["column"])
    expected = page.evaluate(
        """() => Array.from(document.querySelectorAll('header a[href], header input, header button'))
        .filter(e => e.getClientRects().length).map(e => e.textContent.trim() || e.name)"""
    )
    expected.insert(0, "跳到主要内容")
    reached = []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.textContent.trim() || document.activeElement.name")
        if not page.evaluate("!!document.activeElement.closest('header, .skip-link')"):
            break
        assert _focus_is_visible(page), label
        reached.append(label)
    assert reached == expected
    assert "适老化" in reached or "退出适老化" in reached
    if cookie:
        assert {"A− 缩小", "A+ 放大", "高对比度", "标准行距", "关闭大鼠标", "恢复默认"} <= set(reached)


def test_keyboard_switches_the_mode_and_keeps_focus(pages, new_page):
    page = new_page()
    page.goto(pages["home"])
    page.get_by_role("link", name="适老化", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.documentElement.classList.contains('gk-elder')")
    page.wait_for_function("document.activeElement.textContent.trim() === '退出适老化'")
    assert _focus_is_visible(page)


def test_kiosk_targets_external_links_and_idle_return(pages, new_page, settings):
    settings.GONGKAI_KIOSK_IDLE_SECONDS = 2
    page = new_page()
    page.goto(pages["home"] + "kiosk/")
    assert "gk-kiosk" in page.evaluate("document.documentElement.className")
    page.goto(pages["item"])
    external = page.locator("a.gk-external-off", has_text="中国政府网")
    assert external.count() == 1 and external.get_attribute("href") is None
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll('a[href], button, input, select'))
        .filter(e => e.getClientRects().length && !e.closest('.skip-link'))
        .map(e => [e.textContent.trim() || e.name, e.getBoundingClientRect()])
        .filter(([_, r]) => r.height < 48 || r.width < 48).map(([t]) => t)"""
    )
    assert small == []
    assert not page.get_by_role("link", name="退出适老化").is_visible()
    page.screenshot(path="/tmp/gongkai-kiosk.png")
    page.wait_for_url(pages["home"], timeout=8000)


def test_print_hides_the_toolbar_and_navigation(pages, new_page):
    page = new_page(cookie=CONTRAST, base=pages["home"])
    page.goto(pages["item"])
    page.emulate_media(media="print")
    for selector in (".a11y-panel", ".main-nav", ".a11y-switch", ".search-box"):
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    assert page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor") in (
        "rgb(255, 255, 255)",
    )


@pytest.mark.parametrize("path", ["ysqgk/shenqing/", "liuyan/xie/"])
def test_form_choices_sit_on_the_line_of_their_words_and_inputs_are_large(pages, new_page, path):
    """Forms for older users (issue 17 item 6): each radio button and tick box on one line with its label (clicking
    the words chooses it), every input at least 44 px high, the consent to publish not ticked in advance."""
    page = new_page(base=pages["home"])
    assert page.goto(pages["home"] + path).status == 200
    choices = page.locator("form input[type=radio], form input[type=checkbox]")
    assert choices.count() >= 1
    for i in range(choices.count()):
        box = choices.nth(i)
        label = page.locator(f"label[for='{box.get_attribute('id')}']")
        b, lb = box.bounding_box(), label.bounding_box()
        assert lb["y"] <= b["y"] + b["height"] / 2 <= lb["y"] + lb["height"], label.inner_text()
        assert not box.is_checked(), label.inner_text()
    heights = page.eval_on_selector_all(
        "form input[type=text], form input[type=tel], form input[type=email], form input[type=password], form select",
        "els => els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height)",
    )
    assert heights and min(heights) >= 44
    radio = page.locator("form input[type=radio]").first
    if radio.count():
        page.locator(f"label[for='{radio.get_attribute('id')}']").click()
        assert radio.is_checked()
    page.screenshot(path=f"/tmp/gongkai-form-{path.split('/')[0]}.png", full_page=True)
