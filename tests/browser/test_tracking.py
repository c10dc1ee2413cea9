"""A citizen follows a message with the code and secret from the receipt (issue 20 item 6): the receipt comes after
a redirect, a link carrying the secret is refused with a message, and the form on that page looks the case up by
POST, with the secret typed as read aloud — the address never holds it."""

import pytest

from tests.browser.test_journeys import SHOTS, expect, field, site, solve_captcha  # noqa: F401 — `site` a fixture

pytestmark = [pytest.mark.browser]


def test_a_link_with_the_secret_is_refused_and_the_form_finds_the_case(site, new_page):  # noqa: F811
    base = site["url"]
    citizen = new_page()
    citizen.goto(base + "/liuyan/xie/")
    field(citizen, "name").fill("向红梅")
    field(citizen, "phone").fill("13907181234")
    field(citizen, "category").select_option(label="教育与入学")
    field(citizen, "title").fill("孩子今年秋季小学入学划片咨询")
    field(citizen, "content").fill("我家住舞阳坝街道金桂大道，孩子今年满六周岁，请问划片对应哪所小学？")
    solve_captcha(citizen)
    citizen.get_by_role("button", name="提交留言").click()
    expect(citizen.get_by_role("heading", name="提交成功")).to_be_visible()
    assert citizen.url == base + "/liuyan/huizhi/"
    code = citizen.locator("dt:has-text('查询码') + dd").inner_text()
    secret = citizen.locator("dt:has-text('查询密码') + dd").inner_text()
    citizen.screenshot(path=str(SHOTS / "tracking-receipt.png"), full_page=True)

    citizen.goto(base + f"/liuyan/chaxun/?code={code}&secret={secret}")
    expect(citizen.get_by_role("alert")).to_contain_text("查询密码不能放在网址中")
    expect(citizen.get_by_text("孩子今年秋季小学入学划片咨询")).to_have_count(0)
    expect(field(citizen, "code")).to_have_value(code)
    citizen.screenshot(path=str(SHOTS / "tracking-refused.png"), full_page=True)
    field(citizen, "secret").fill(secret.lower().replace("-", " "))
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.get_by_role("heading", name="孩子今年秋季小学入学划片咨询")).to_be_visible()
    assert citizen.url == base + "/liuyan/chaxun/"
    citizen.screenshot(path=str(SHOTS / "tracking-result.png"), full_page=True)
