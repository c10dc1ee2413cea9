"""Kiosk mode for the hall terminal (F16): elder-friendly styles on, idle return home, no way off the site."""


def test_kiosk_switch_turns_on_elder_mode_and_exit_clears_it(client, site):
    response = client.get("/kiosk/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["gk_a11y"].value == "elder.size-2.spacing.cursor.kiosk"
    client.cookies["gk_a11y"] = response.cookies["gk_a11y"].value
    # the visitor cannot leave the 适老化 styles on the terminal
    assert client.get("/a11y/", {"do": "elder-off"}).cookies["gk_a11y"].value.endswith("kiosk")
    response = client.get("/kiosk/", {"exit": "1"})
    assert response.cookies["gk_a11y"]["max-age"] == 0


def test_kiosk_pages_return_home_without_javascript(client, site, settings):
    settings.GONGKAI_KIOSK_IDLE_SECONDS = 90
    html = client.get("/xxfb/").content.decode()
    assert 'http-equiv="refresh"' not in html  # ordinary visitors are never moved
    assert '<meta name="gk-kiosk-idle" content="90">' in html
    client.cookies["gk_a11y"] = "elder.size-2.kiosk"
    html = client.get("/xxfb/").content.decode()
    assert '<noscript><meta http-equiv="refresh" content="90;url=/"></noscript>' in html


def test_kiosk_styles_disable_external_links_and_enlarge_targets(client, site):
    client.cookies["gk_a11y"] = "elder.size-2.kiosk"
    css = client.get("/a11y/mode.css").content.decode()
    assert 'html a[href^="https:"]' in css and "pointer-events: none" in css
    assert "min-height: 48px; min-width: 48px;" in css
    assert "html .gk-elder-exit { display: none !important; }" in css
