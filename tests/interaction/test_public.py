"""Public pages: the board shows what the law asks (受理日期, 答复日期, 答复部门, 答复内容, rating) and never
personal data; forms refuse bad input with a message per field; the receipt shows the code and secret once."""

import io
import re

import pytest

from gongkai.core import protection
from gongkai.interaction import actions
from gongkai.interaction.models import Case, Rating

from .conftest import MESSAGE, at


@pytest.fixture(autouse=True)
def _static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.GONGKAI_RATE_LIMITS = False


def publish(make_message, office_user, edu, edu_editor, **over):
    submitted = make_message(**over)
    case = actions.dispatch(office_user, submitted, edu)
    case = actions.submit_reply(
        edu_editor, case, "经核实，金桂大道片区对应恩施市实验小学，请于 8 月 1 日至 5 日报名。"
    )
    case = actions.review_reply(office_user, case, approve=True)
    case.secret = submitted.secret
    return case


def test_board_shows_reply_fields_and_masks_personal_data(client, make_message, office_user, edu, edu_editor):
    case = publish(
        make_message,
        office_user,
        edu,
        edu_editor,
        content="我电话 13907185678，孩子满六周岁，住金桂大道，请问划片学校是哪所？<b>急</b>",
    )
    actions.rate(case, Rating.SATISFIED)
    r = client.get("/liuyan/")
    html = r.content.decode()
    assert "孩子今年秋季小学入学划片咨询" in html and "恩施市教育局" in html and "满意" in html
    detail = client.get(f"/liuyan/{case.code}/").content.decode()
    assert "139****5678" in detail
    assert "13907185678" not in detail and "向红梅" not in detail
    assert "&lt;b&gt;急&lt;/b&gt;" in detail  # citizen text is never rendered as HTML
    assert "答复内容" in detail and "恩施市实验小学" in detail


def test_unpublished_or_private_messages_are_not_on_the_board(
    client, make_message, office_user, edu, edu_editor
):
    private = publish(make_message, office_user, edu, edu_editor, public=False, title="个人社保缴费记录查询")
    pending = make_message(title="校车接送路线调整建议")
    html = client.get("/liuyan/").content.decode()
    assert "个人社保缴费记录查询" not in html and "校车接送路线调整建议" not in html
    assert client.get(f"/liuyan/{private.code}/").status_code == 404
    assert client.get(f"/liuyan/{pending.code}/").status_code == 404


def test_board_search_and_query_count(
    client, make_message, office_user, edu, edu_editor, django_assert_max_num_queries
):
    for i in range(25):
        publish(make_message, office_user, edu, edu_editor, title=f"学位咨询第{i + 1}号：划片范围")
    publish(
        make_message,
        office_user,
        edu,
        edu_editor,
        title="城区道路维修进度询问",
        content="舞阳大道路面坑洼已久，何时维修？",
    )
    client.get("/liuyan/")  # site settings created on first use
    with django_assert_max_num_queries(7):
        r = client.get("/liuyan/?q=道路维修")
    assert "城区道路维修进度询问" in r.content.decode() and "学位咨询第" not in r.content.decode()
    with django_assert_max_num_queries(7):
        client.get("/liuyan/?page=2")


def _solve(html):
    import re

    key = re.search(r'name="captcha_key" value="([^"]+)"', html).group(1)
    return key, protection.challenge(key)["code"]


def test_write_form_receipt_shows_code_and_secret(client, routed):
    key, code = _solve(client.get("/liuyan/xie/").content.decode())
    data = {**MESSAGE, "public": "on", "captcha_key": key, "captcha_answer": code}
    r = client.post("/liuyan/xie/", data)
    assert r.status_code == 302 and r["Location"] == "/liuyan/huizhi/"  # the secret is in no URL
    case = Case.objects.get()
    html = client.get(r["Location"]).content.decode()
    secret = re.search(r'<strong class="secret">([^<]+)</strong>', html).group(1)
    assert case.code in html and re.fullmatch(r"[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){2}", secret)
    assert case.source == "web" and secret not in case.secret_hash
    # shown once: the receipt is gone from the session
    assert client.get("/liuyan/huizhi/")["Location"] == "/liuyan/chaxun/"
    # the secret opens the case, typed as read aloud: lower case, spaces instead of hyphens
    page = client.post("/liuyan/chaxun/", {"code": case.code, "secret": secret.lower().replace("-", " ")})
    assert "孩子今年秋季小学入学划片咨询" in page.content.decode()


def test_a_double_click_shows_the_first_receipt_once(client, routed):
    key, code = _solve(client.get("/liuyan/xie/").content.decode())
    data = {**MESSAGE, "public": "on", "captcha_key": key, "captcha_answer": code}
    first = client.post("/liuyan/xie/", data)
    key, code = _solve(client.get("/liuyan/xie/").content.decode())
    again = client.post("/liuyan/xie/", {**data, "captcha_key": key, "captcha_answer": code})
    # the browser shows the second response only: it leads to the first case's receipt, with its secret
    assert first["Location"] == again["Location"] == "/liuyan/huizhi/" and Case.objects.count() == 1
    assert 'class="secret"' in client.get("/liuyan/huizhi/").content.decode()
    # another browser sending the same text is told the code, never given the secret
    other = type(client)()
    key, code = _solve(other.get("/liuyan/xie/").content.decode())
    html = other.post("/liuyan/xie/", {**data, "captcha_key": key, "captcha_answer": code}).content.decode()
    case = Case.objects.get()
    assert "未重复登记" in html and case.code in html and 'class="secret"' not in html


def test_write_form_errors_per_field_and_nothing_stored(client, routed):
    key, code = _solve(client.get("/liuyan/xie/").content.decode())
    r = client.post(
        "/liuyan/xie/", {**MESSAGE, "phone": "123", "title": "", "captcha_key": key, "captcha_answer": code}
    )
    html = r.content.decode()
    assert "联系电话格式不正确" in html and "请填写标题" in html
    assert not Case.objects.exists()
    # wrong captcha
    key, _ = _solve(html)
    r = client.post("/liuyan/xie/", {**MESSAGE, "captcha_key": key, "captcha_answer": "0"})
    assert "验证码不正确" in r.content.decode() and not Case.objects.exists()


def test_attachment_checked_by_content(client, routed):
    key, code = _solve(client.get("/liuyan/xie/").content.decode())
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "证明材料.pdf"
    r = client.post(
        "/liuyan/xie/", {**MESSAGE, "captcha_key": key, "captcha_answer": code, "attachment": fake}
    )
    assert "按文件内容检查" in r.content.decode() and not Case.objects.exists()
    key, code = _solve(r.content.decode())
    pdf = io.BytesIO(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF")
    pdf.name = "证明材料.pdf"
    client.post("/liuyan/xie/", {**MESSAGE, "captcha_key": key, "captcha_answer": code, "attachment": pdf})
    assert Case.objects.get().attachment.name.endswith(".pdf")


def test_jiucuo_form(client, routed):
    key, code = _solve(client.get("/jiucuo/").content.decode())
    r = client.post(
        "/jiucuo/",
        {
            "page_url": "https://www.enshi.gov.cn/zwgk/",
            "description": "首页图片新闻链接打不开。",
            "phone": "13907181234",
            "captcha_key": key,
            "captcha_answer": code,
        },
    )
    case = Case.objects.get()
    assert case.channel == "site_error" and case.first_action_due is not None
    html = client.get(r["Location"]).content.decode()
    assert case.code in html and 'href="/jiucuo/chaxun/?code=' in html


def test_query_and_rate_on_the_page(client, make_message, office_user, edu, edu_editor):
    case = publish(make_message, office_user, edu, edu_editor)
    r = client.post("/liuyan/chaxun/", {"code": case.code, "secret": case.secret})
    html = r.content.decode()
    assert "评价本次答复" in html and "非常不满意" in html
    # the rating form carries the code only: this browser gave the secret a moment ago
    rating_form = re.search(
        r'<form method="post" action="/liuyan/chaxun/">(?:(?!</form>).)*提交评价', html, re.S
    ).group(0)
    assert case.secret not in html and 'name="secret"' not in rating_form
    wrong = client.post("/liuyan/chaxun/", {"code": case.code, "secret": "X"}).content.decode()
    assert "查询码或查询密码不正确" in wrong
    # another browser cannot rate with the code alone
    other = type(client)()
    refused = other.post("/liuyan/chaxun/", {"code": case.code, "rating": "5"}).content.decode()
    assert "请重新输入查询码和查询密码" in refused
    r = client.post("/liuyan/chaxun/", {"code": case.code, "rating": "2", "comment": "没说清楚报名材料"})
    assert "已转督办" in r.content.decode()
    case.refresh_from_db()
    assert case.status == "supervising"


def test_query_page_masks_and_shows_deadline(client, make_message):
    case = make_message(now=at(2026, 11, 27, 18), content="我的电话 13907185678，请问孩子入学需要哪些材料？")
    html = client.post("/liuyan/chaxun/", {"code": case.code, "secret": case.secret}).content.decode()
    assert "2026年12月4日" in html and "13907185678" not in html


def test_a_secret_in_the_address_is_refused_without_echoing_it(client, make_message):
    case = make_message()
    for url in (
        f"/liuyan/chaxun/?code={case.code}&secret={case.secret}",
        f"/jiucuo/chaxun/?secret={case.secret}",
    ):
        r = client.get(url)
        html = r.content.decode()
        assert r.status_code == 400 and "查询密码不能放在网址中" in html and "在本页的表单中输入" in html
        assert case.secret not in html and "孩子今年秋季小学入学划片咨询" not in html
        # the form posts to the address without the secret (not back to the refused one)
        assert re.search(r'<form method="post" action="/(liuyan|jiucuo)/chaxun/"', html)
    # the code alone (the receipt's link) only fills in the form
    html = client.get(f"/liuyan/chaxun/?code={case.code}").content.decode()
    assert f'value="{case.code}"' in html and "孩子今年秋季小学入学划片咨询" not in html


def test_consent_to_publish_is_never_ticked_for_the_writer(client, routed):
    """The writer decides to let his message go on the public board: the box starts empty (issue 17 item 6)."""
    html = client.get("/liuyan/xie/").content.decode()
    box = re.search(r'<input[^>]*name="public"[^>]*>', html).group(0)
    assert 'type="checkbox"' in box and "checked" not in box


def test_the_hotline_number_is_not_a_call_back_number_and_a_spaced_mobile_is_kept_whole(client, routed):
    key, code = _solve(client.get("/liuyan/xie/").content.decode())
    r = client.post(
        "/liuyan/xie/", {**MESSAGE, "phone": "12345", "email": "", "captcha_key": key, "captcha_answer": code}
    )
    assert "联系电话格式不正确" in r.content.decode() and not Case.objects.exists()
    key, code = _solve(r.content.decode())
    client.post(
        "/liuyan/xie/",
        {**MESSAGE, "phone": "139 0718 1234", "captcha_key": key, "captcha_answer": code},
    )
    assert Case.objects.get().phone == "13907181234"


def test_a_reply_keeps_the_offices_line_and_masks_the_citizens_number(
    client, make_message, office_user, edu, edu_editor
):
    """A reply tells the citizen whom to call (the office's landline stays readable); a mobile it quotes is masked."""
    case = actions.dispatch(office_user, make_message(), edu)
    case = actions.submit_reply(
        edu_editor,
        case,
        "经核实，您（13907185678）所住金桂大道片区对应恩施市实验小学；如有疑问请致电市教育局基础教育科0718-8222345。",
    )
    case = actions.review_reply(office_user, case, approve=True)
    detail = client.get(f"/liuyan/{case.code}/").content.decode()
    assert "0718-8222345" in detail
    assert "13907185678" not in detail and "139****5678" in detail
