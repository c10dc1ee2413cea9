"""适老化 toolbar (RULES.md §7): preferences in a cookie, switchable without JavaScript, no open redirect, and the
same HTML for everybody (so a front cache may keep it)."""

import re

import pytest

from gongkai.portal import a11y
from gongkai.portal.views import mode_css_for


@pytest.mark.parametrize(
    ("start", "action", "expected"),
    [
        ("", "elder-on", "elder.size-2.spacing.cursor"),
        ("elder.size-2.spacing.cursor", "elder-off", ""),
        ("elder.size-2.spacing.cursor", "bigger", "elder.size-3.spacing.cursor"),
        ("elder.size-3", "bigger", "elder.size-4"),
        ("elder.size-4", "bigger", "elder.size-4"),  # 30 pt is the largest step
        ("elder.size-3", "smaller", "elder.size-2"),
        ("elder.size-2", "smaller", "elder.size-2"),  # 适老版 main text never below 18 pt
        ("elder.size-2", "contrast-on", "elder.size-2.contrast"),
        ("elder.size-2.contrast", "contrast-off", "elder.size-2"),
        ("elder.size-2.cursor", "cursor-off", "elder.size-2"),
        ("elder.size-2", "spacing-on", "elder.size-2.spacing"),
        ("", "contrast-on", "elder.size-2.contrast.spacing.cursor"),  # a toolbar option turns the mode on
        ("elder.size-4.contrast", "reset", "elder.size-2.spacing.cursor"),
        ("elder.size-2.spacing.cursor.kiosk", "elder-off", "elder.size-2.spacing.cursor.kiosk"),
        ("elder.size-2.kiosk", "reset", "elder.size-2.spacing.cursor.kiosk"),
        # 十字光标 and 大字幕 (issue 17): remembered like the others, turned off by 恢复默认
        ("elder.size-2.spacing.cursor", "crosshair-on", "elder.size-2.spacing.cursor.crosshair"),
        ("elder.size-3.crosshair", "caption-on", "elder.size-3.crosshair.caption"),
        ("elder.size-3.crosshair.caption", "crosshair-off", "elder.size-3.caption"),
        ("elder.size-2.caption", "caption-off", "elder.size-2"),
        ("", "caption-on", "elder.size-2.spacing.cursor.caption"),
        ("elder.size-4.crosshair.caption", "reset", "elder.size-2.spacing.cursor"),
    ],
)
def test_toolbar_actions(start, action, expected):
    assert a11y.apply(a11y.parse(start), action).cookie_value() == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("contrast.size-4", ""),  # options without the mode mean nothing
        ("elder.size-9", "elder.size-4"),
        ("elder.size-0", "elder.size-2"),
        ("elder.size-x.<script>.contrast", "elder.size-2.contrast"),
    ],
)
def test_cookie_from_the_client_is_sanitised(raw, expected):
    assert a11y.parse(raw).cookie_value() == expected


def test_switch_sets_cookie_and_returns_to_the_page(client, site):
    response = client.get("/a11y/", {"do": "elder-on", "next": "/xxfb/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/xxfb/?page=2"
    assert response.cookies["gk_a11y"].value == "elder.size-2.spacing.cursor"
    assert "no-store" in response["Cache-Control"]
    response = client.get("/a11y/", {"do": "bigger", "next": "/"})
    assert response.cookies["gk_a11y"].value == "elder.size-3.spacing.cursor"
    response = client.get("/a11y/", {"do": "elder-off", "next": "/"})
    assert response.cookies["gk_a11y"].value == ""  # deleted
    assert response.cookies["gk_a11y"]["max-age"] == 0


@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)", "http:/\\evil.com"]
)
def test_no_open_redirect(client, site, target):
    response = client.get("/a11y/", {"do": "elder-on", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_json_for_the_script_and_clear_errors(client, site):
    client.cookies["gk_a11y"] = "elder.size-2"
    response = client.get("/a11y/", {"do": "contrast-on", "format": "json"})
    assert response.json() == {
        "classes": ["gk-elder", "gk-size-2", "gk-contrast"],
        "value": "elder.size-2.contrast",
    }
    response = client.get("/a11y/", {"do": "explode", "format": "json"})
    assert response.status_code == 400
    assert response.json() == {"errors": {"do": "不支持的操作。"}}
    assert client.get("/a11y/", {"do": "explode"}).status_code == 400
    assert client.post("/a11y/", {"do": "elder-on"}).status_code == 405


def test_every_page_has_the_switch_and_the_same_html_in_both_modes(client, site):
    standard = client.get("/").content.decode()
    assert re.search(
        r'<a class="a11y-btn[^"]*"[^>]*href="/a11y/\?do=elder-on&amp;next=%2F"[^>]*>适老化</a>', standard
    )
    assert (
        "退出适老化" in standard and "高对比度" in standard and "大鼠标" in standard and "A+ 放大" in standard
    )
    assert '<noscript><link rel="stylesheet" href="/a11y/mode.css"></noscript>' in standard
    client.cookies["gk_a11y"] = "elder.size-3.contrast"
    elder = client.get("/").content.decode()
    # the mode is applied in the browser (a11y.js, or /a11y/mode.css without JS): the page itself is cacheable
    assert elder.replace("\n", "") == standard.replace("\n", "")
    assert client.get("/xxfb/").content.decode().count("适老化") >= 2


def test_no_javascript_stylesheet_follows_the_cookie(client, site):
    response = client.get("/a11y/mode.css")
    assert response["Content-Type"].startswith("text/css")
    assert "Cookie" in response["Vary"] and "private" in response["Cache-Control"]
    assert ":root {" not in response.content.decode()
    client.cookies["gk_a11y"] = "elder.size-2.contrast.cursor"
    css = client.get("/a11y/mode.css").content.decode()
    assert ":root { --font-size: 24px; }" in css  # 18 pt
    assert ":root.gk-size-3 { --font-size: 32px; }" in css  # other steps stay conditional
    assert "html body *" in css  # high contrast applies
    assert ":root.gk-spacing" in css  # wide spacing is off
    assert re.search(r"url\(/static/portal/cursors/arrow\.[0-9a-f]+\.svg\) 4 3", css)
    assert "html .gk-when-on-contrast { display: inline-flex !important; }" in css


def test_mode_css_contrast_and_sizes_meet_the_spec():
    css = mode_css_for(a11y.Prefs(elder=True, size=2, contrast=True))
    sizes = {int(n): int(px) for n, px in re.findall(r":root\.gk-size-(\d) \{ --font-size: (\d+)px; \}", css)}
    assert sizes == {3: 32, 4: 40}
    assert a11y.SIZE_PX[a11y.ELDER_MIN_SIZE] * 0.75 >= 18  # px → pt
    assert re.search(r"--line-height: 2;", css)


def test_large_cursor_is_our_own_svg(client):
    from django.contrib.staticfiles import finders

    for name in ("arrow", "hand", "text"):
        path = finders.find(f"portal/cursors/{name}.svg")
        text = open(path, encoding="utf-8").read()
        assert text.startswith("<svg") and "gongkai 大鼠标" in text
        width = int(re.search(r'width="(\d+)"', text).group(1))
        assert 32 <= width <= 128  # browsers refuse cursors over 128 px


def test_without_javascript_the_crosshair_and_caption_switches_stay_hidden():
    """The two tools are drawn by a11y.js: the no-JavaScript stylesheet keeps their switches hidden even when the
    cookie has them on (the hiding rule does not depend on a gk- class, so mode.css never rewrites it)."""
    css = mode_css_for(a11y.Prefs(elder=True, size=2, crosshair=True, caption=True))
    assert "html .gk-when-on-crosshair { display: inline-flex !important; }" in css
    hide = css.index("html:not(.a11y-js) .a11y-js-only { display: none !important; }")
    assert hide > css.index(
        "html .gk-when-on-caption { display: inline-flex !important; }"
    )  # later, so it wins
