"""适老化 to the letter (issue 17 item 5) in a real browser: in elder mode every visible text is at least 24 px (18 pt,
the 适老版 rule for main text), tables reflow on a phone, the search hint is shown whole, the 十字光标 and 大字幕
tools work from the keyboard and are remembered, and a 办事指南 page reads itself aloud."""

import os

import pytest

from gongkai.portal import a11y

if not os.path.exists("/usr/bin/chromium"):
    pytest.skip(
        "需要 /usr/bin/chromium（Debian 的 chromium 软件包）才能运行浏览器测试", allow_module_level=True
    )

pytestmark = pytest.mark.browser

ELDER = a11y.ELDER.cookie_value()
PHONE = {"width": 390, "height": 844}

SMALL_TEXT = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.trim() || !e.getClientRects().length || e.closest('.visually-hidden')) continue;
    const style = getComputedStyle(e);
    if (style.visibility === 'hidden') continue;
    const px = parseFloat(style.fontSize);
    if (px < 24) out.push(`${px}px ${e.tagName.toLowerCase()}.${e.className}: ${n.textContent.trim().slice(0, 20)}`);
  }
  return out;
}"""
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize(
    "kind",
    ["home", "column", "item", "services", "service_catalog", "service_item", "question", "guide", "message"],
)
def test_every_visible_text_is_at_least_24px_wide_and_narrow(pages, new_page, kind):
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page = new_page(cookie=ELDER, base=pages["home"], viewport=viewport)
        assert page.goto(pages[kind]).status == 200
        assert "gk-elder" in page.evaluate("document.documentElement.className")
        assert page.evaluate(SMALL_TEXT) == [], viewport
        assert "{#" not in page.inner_text("body") and "{%" not in page.inner_text(
            "body"
        )  # no template source
        assert page.evaluate(OVERFLOW) <= 0, viewport  # nothing wider than the screen
        page.screenshot(path=f"/tmp/gongkai-elder-{kind}-{viewport['width']}.png", full_page=True)


def _lines(page, selector_js):
    """How many lines the text of the element takes (client rects of its text, one per line box)."""
    return page.evaluate(
        f"""() => {{ const e = {selector_js}; const r = document.createRange(); r.selectNodeContents(e);
        return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size; }}"""
    )


@pytest.mark.parametrize("cookie", [ELDER, None])
def test_the_metadata_table_becomes_label_value_rows_on_a_phone(pages, new_page, cookie):
    page = new_page(cookie=cookie, base=pages["home"], viewport=PHONE)
    page.goto(pages["item"])
    cells = page.eval_on_selector_all(
        ".meta-table th, .meta-table td",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.tagName, e.textContent.trim(), r.left, r.top, r.bottom, r.width]; })",
    )
    assert len(cells) == 24
    for (tag, label, left, _top, bottom, width), (tag2, value, left2, top2, _b, width2) in zip(
        cells[::2], cells[1::2], strict=True
    ):
        assert (tag, tag2) == ("TH", "TD")
        assert top2 >= bottom - 1, (label, value)  # the value under its label
        assert abs(left2 - left) < 1 and abs(width2 - width) < 1  # both the full width
        assert width >= 350
    date = "Array.from(document.querySelectorAll('.meta-table td')).find(td => /^2026年/.test(td.textContent.trim()))"
    assert _lines(page, date) == 1
    assert page.evaluate(OVERFLOW) <= 0
    page.screenshot(
        path=f"/tmp/gongkai-elder-meta-390-{'elder' if cookie else 'standard'}.png", full_page=True
    )
    # on a wide screen the dates stay on one line too
    wide = new_page(cookie=cookie, base=pages["home"])
    wide.goto(pages["item"])
    assert _lines(wide, date) == 1


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_the_search_hint_is_shown_whole(pages, new_page, viewport):
    page = new_page(cookie=ELDER, base=pages["home"], viewport=viewport)
    page.goto(pages["home"])
    room, needed = page.eval_on_selector(
        "#site-search",
        """e => { const s = getComputedStyle(e); const c = document.createElement('canvas').getContext('2d');
        c.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const spacing = parseFloat(s.letterSpacing) || 0;
        const text = e.getAttribute('placeholder');
        return [e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight),
                c.measureText(text).width + spacing * text.length]; }""",
    )
    assert needed <= room


def _toggle_by_keyboard(page, name, cls):
    page.get_by_role("link", name=name, exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.documentElement.classList.contains('{cls}')")


def test_crosshair_and_caption_by_keyboard_and_remembered(pages, new_page):
    page = new_page(cookie=ELDER, base=pages["home"])
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(pages["item"])
    _toggle_by_keyboard(page, "十字光标", "gk-crosshair")
    _toggle_by_keyboard(page, "大字幕", "gk-caption")
    # focus moved to the switch that turns it off, and the caption already says so
    assert page.evaluate("document.activeElement.textContent") == "关闭大字幕"
    caption = page.locator(".gk-caption-bar")
    assert caption.inner_text() == "关闭大字幕"
    assert float(caption.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 48

    page.reload()  # remembered (the gk_a11y cookie), like text size and contrast
    assert {"gk-crosshair", "gk-caption"} <= set(page.evaluate("document.documentElement.className").split())
    page.mouse.move(300, 200)
    page.locator("h1").hover()
    box = page.locator("h1").bounding_box()
    assert caption.inner_text() == "恩施市教育局关于做好2026年秋季学期义务教育招生入学工作的通知"
    line_h = page.locator(".gk-crosshair-h").bounding_box()
    line_v = page.locator(".gk-crosshair-v").bounding_box()
    assert abs(line_h["y"] - (box["y"] + box["height"] / 2)) <= 2 and line_h["width"] >= 1200
    assert abs(line_v["x"] - (box["x"] + box["width"] / 2)) <= 2 and line_v["height"] >= 800
    page.screenshot(path="/tmp/gongkai-elder-tools.png")
    # the keyboard: the caption follows the focus
    page.get_by_role("link", name="打印版").focus()
    assert caption.inner_text() == "打印版"
    # switched off again, from the keyboard; the lines and the bar are gone
    _toggle_by_keyboard(page, "关闭十字光标", "gk-elder")
    page.wait_for_function("!document.documentElement.classList.contains('gk-crosshair')")
    assert not page.locator(".gk-crosshair-h").is_visible()
    page.get_by_role("link", name="关闭大字幕").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("!document.documentElement.classList.contains('gk-caption')")
    assert not caption.is_visible()
    assert errors == []


def test_without_javascript_the_two_tools_are_not_offered(pages, new_page):
    cookie = a11y.apply(a11y.apply(a11y.ELDER, "crosshair-on"), "caption-on").cookie_value()
    page = new_page(cookie=cookie, base=pages["home"], java_script_enabled=False)
    page.goto(pages["item"])
    assert page.get_by_role("link", name="高对比度", exact=True).is_visible()  # the toolbar is there
    for name in ("十字光标", "关闭十字光标", "大字幕", "关闭大字幕"):
        assert not page.get_by_role("link", name=name, exact=True).is_visible(), name


def test_a_service_guide_reads_itself_aloud(pages, new_page):
    page = new_page(base=pages["home"])
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(pages["service_item"])
    url = page.get_attribute(".ra-player", "data-ra-url")
    data = page.evaluate(f"fetch('{url}').then(r => r.json())")
    texts = [s["text"] for s in data["sentences"]]
    assert texts[0] == "义务教育入学报名"
    assert "收费标准" in texts and "不收费" in texts
    # every sentence the server reads is marked on the page, in the same order
    marked = page.evaluate(
        """() => { const m = []; document.querySelectorAll('.ra-s').forEach(s => {
            const i = +s.dataset.ra; m[i] = (m[i] || '') + s.textContent; }); return m; }"""
    )
    assert [t.replace(" ", "") for t in marked] == [t.replace(" ", "") for t in texts]
    page.evaluate(
        """() => { const a = document.querySelector('.ra-audio'); window.raEvents = [];
        a.addEventListener('playing', () => window.raEvents.push('playing')); }"""
    )
    page.get_by_role("button", name="朗读").click()
    page.wait_for_function("window.raEvents.includes('playing')", timeout=10_000)
    current = page.locator(".ra-s.ra-current")
    assert current.first.inner_text() == "义务教育入学报名"
    assert f"共 {len(texts)} 句" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="停止").click()
    assert current.count() == 0
    assert errors == []


@pytest.mark.parametrize("kind", ["question", "guide", "message"])
def test_qa_guide_and_message_pages_have_the_read_aloud_button(pages, new_page, kind):
    page = new_page(base=pages["home"])
    page.goto(pages[kind])
    assert page.get_by_role("button", name="朗读").is_visible()
    url = page.get_attribute(".ra-player", "data-ra-url")
    data = page.evaluate(f"fetch('{url}').then(r => r.json())")
    assert data["sentences"][0]["text"] == page.locator("h1").inner_text().strip()
    assert (
        page.locator(".ra-s").evaluate_all("els => Math.max(...els.map(e => +e.dataset.ra))")
        == len(data["sentences"]) - 1
    )
