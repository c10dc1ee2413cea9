"""Journeys: one per role, in a real browser, from the login form to what the person sees at the end (issue 15).

The data (the demo organisation's departments and one account per role, the education bureau's catalog, the
message categories and the assessment indicators) is built once for the module through the project's own loaders
and action functions; every journey then only clicks. No sleeps: Playwright waits for each element and `expect`
retries its assertion. A screenshot of each journey's last screen goes to /tmp/journeys/.
"""

import os
import re
from pathlib import Path

import pytest

from tests.browser.fixtures import CHROMIUM

if not os.path.exists(CHROMIUM):
    pytest.skip("需要 /usr/bin/chromium 才能运行浏览器测试", allow_module_level=True)

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

pytestmark = [pytest.mark.browser]

SHOTS = Path("/tmp/journeys")
EDU = "恩施市教育局"


@pytest.fixture(scope="module")
def site(module_server, django_db_blocker):
    """The demo organisation and portal (tests/browser/site.py), plus what the migrations seed and a flush of an
    earlier module removed: the message categories routed to the departments, and the assessment indicators."""
    from gongkai.assessment.indicators import defaults
    from gongkai.assessment.indicators.models import Indicator
    from gongkai.demo.org import DEMO_PASSWORD
    from gongkai.interaction import intake
    from gongkai.interaction.models import Category, KeywordRule
    from gongkai.interaction.seed import seed
    from gongkai.org.models import Department
    from tests.browser.site import build

    with django_db_blocker.unblock():
        urls = build()
        seed(Category, Department, KeywordRule)
        intake.clear_category_cache()
        if not Indicator.objects.exists():
            defaults.seed(Indicator)
    SHOTS.mkdir(exist_ok=True)
    return {"url": module_server.url, "password": DEMO_PASSWORD, **urls}


@pytest.fixture
def db_access(django_db_blocker):
    """Reading the database from a test (the secret of an account's authenticator, the state a click left)."""
    with django_db_blocker.unblock():
        yield


def shot(page, name):
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def login(page, site, username, *, next_path="/admin/"):
    """The real login form of the admin; the TOTP step follows when the account has or needs an authenticator.
    Returns the secret bound at a first login (enrolment), else None."""
    page.goto(site["url"] + "/admin/login/?next=" + next_path)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(site["password"])
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    if "/security/totp/setup/" in page.url:
        # first login of an administrator: read the key under the QR code, as one types it into the app
        expect(page.get_by_role("heading", name="绑定动态口令")).to_be_visible()
        secret = page.locator(".gk-totp-qr code").inner_text().replace(" ", "")
        page.get_by_label("动态口令").fill(totp_code(secret))
        page.get_by_role("button", name="确认绑定").click()
        page.wait_for_load_state()
        return secret
    return None


def totp_code(secret):
    from gongkai.accounts import totp

    return totp.totp(secret)


CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_number(text):
    """十四 → 14, 七 → 7, 二十 → 20 (the numbers of the captcha's text question)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    return CN_DIGITS[text]


def solve_captcha(page):
    """Answer the captcha as a person who reads the picture would: the code is nowhere in the page, so the test reads
    it from the server-side store (the live server shares the test process's cache)."""
    from gongkai.core import protection

    key = page.locator("input[name=captcha_key]").input_value()
    page.locator("input[name=captcha_answer]").fill(protection.challenge(key)["code"])


def field(page, name):
    return page.locator(f"[name={name}]")


# --- 政务公开办: an application for government information (依申请公开) --------------------------------------
FOI_REQUEST = "请公开恩施市教育局2026年秋季学期城区义务教育学校招生划片范围及各校招生计划数（恩市教发〔2026〕12号附件）。"


def test_office_takes_a_citizens_foi_application_to_the_delivered_answer_letter(site, new_page, db_access):
    base = site["url"]
    # the citizen applies on the public form
    citizen = new_page()
    citizen.goto(base + "/ysqgk/shenqing/")
    citizen.get_by_label("自然人").check()
    field(citizen, "name").fill("向春梅")
    field(citizen, "id_type").select_option(label="居民身份证")
    field(citizen, "id_number").fill("422801196503120045")
    field(citizen, "phone").fill("13907181234")
    field(citizen, "email").fill("xiangcm@example.com")
    field(citizen, "address").fill("湖北省恩施市舞阳坝街道金桂大道 88 号")
    field(citizen, "description").fill(FOI_REQUEST)
    field(citizen, "delivery_form").select_option(label="电子邮件")
    field(citizen, "delivery_way").select_option(label="网上获取")
    solve_captcha(citizen)
    citizen.get_by_role("button", name="提交申请").click()
    expect(citizen.get_by_text("查询码：")).to_be_visible()
    code = citizen.locator("p", has_text="查询码：").locator("strong").inner_text()
    secret = citizen.locator("p", has_text="查询密码：").locator("strong").inner_text()

    # the office confirms receipt and assigns it to the education bureau
    office = new_page()
    login(office, site, "gkb", next_path="/admin/foi/")
    office.get_by_role("link", name=code).click()
    expect(office.get_by_role("heading", name=f"申请 {code}")).to_be_visible()
    office.get_by_role("button", name="确认收到").click()
    expect(office.get_by_text("已办理。")).to_be_visible()
    office.locator("select[name=department]").select_option(label=EDU)
    office.get_by_role("button", name="分办").click()
    expect(office.get_by_text("已办理。")).to_be_visible()
    case_url = office.url

    # the bureau's staff answer it
    bureau = new_page()
    login(bureau, site, "jyj_editor", next_path="/admin/foi/")
    bureau.get_by_role("link", name=code).click()
    bureau.locator("select[name=outcome]").select_option(label="予以公开")
    bureau.get_by_label("答复内容").fill(
        "经查，您申请的2026年秋季学期城区义务教育学校招生划片范围及招生计划数属于公开范围，"
        "现以电子邮件方式提供《恩施市城区义务教育学校招生划片范围表》。"
    )
    bureau.get_by_role("button", name="提交答复").click()
    expect(bureau.get_by_text("已办理。")).to_be_visible()

    # the office reviews it (secrecy checked), which produces the answer letter, then delivers and closes
    office.goto(case_url)
    office.get_by_label("已完成保密审查（第十七条）").check()
    office.get_by_role("button", name="审核通过，生成告知书").click()
    expect(office.get_by_text("已办理。")).to_be_visible()
    with office.expect_download() as download:
        office.get_by_role("link", name="PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and download.value.suggested_filename == f"{code}-答复书.pdf"
    office.locator("select[name=method]").select_option(label="电子邮件")
    office.get_by_label("送达凭证（EMS 单号、签收人等）").fill("已发送至 xiangcm@example.com")
    office.get_by_role("button", name="登记送达并办结").click()
    expect(office.get_by_text("已办理。")).to_be_visible()
    expect(office.get_by_text("已办结").first).to_be_visible()

    # the citizen looks the application up and sees it answered
    citizen.goto(base + "/ysqgk/chaxun/")
    field(citizen, "tracking_code").fill(code)
    field(citizen, "secret").fill(secret)
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.get_by_text("已办结").first).to_be_visible()
    expect(citizen.get_by_text("予以公开").first).to_be_visible()
    shot(office, "foi-office-letter")
    shot(citizen, "foi-citizen-tracking")


# --- 部门: a reply to a citizen's message (留言), rated by the citizen ---------------------------------------
MESSAGE_TITLE = "孩子今年秋季小学入学划片咨询"
REPLY = (
    "向女士您好：金桂大道片区对应恩施市实验小学，请于8月10日前携带户口簿、房产证或居住证到学校报名。"
    "如有疑问请致电市教育局基础教育科0718-8222345。"
)


def test_a_department_replies_to_a_citizens_message_and_the_citizen_rates_the_reply(site, new_page):
    base = site["url"]
    citizen = new_page()
    citizen.goto(base + "/liuyan/xie/")
    field(citizen, "name").fill("向红梅")
    field(citizen, "phone").fill("13907181234")
    field(citizen, "category").select_option(label="教育与入学")
    field(citizen, "title").fill(MESSAGE_TITLE)
    field(citizen, "content").fill(
        "我家住舞阳坝街道金桂大道，孩子今年满六周岁，请问划片对应哪所小学？需要准备哪些材料？"
    )
    # the box starts empty: she chooses to let the message and its answer go on the public board
    citizen.get_by_label("同意在留言板公开（不公开姓名和联系方式）").check()
    solve_captcha(citizen)
    citizen.get_by_role("button", name="提交留言").click()
    expect(citizen.get_by_role("heading", name="提交成功")).to_be_visible()
    code = citizen.locator("dt:has-text('查询码') + dd").inner_text()
    secret = citizen.locator("dt:has-text('查询密码') + dd").inner_text()

    # the office sends it to the department the category suggests
    office = new_page()
    login(office, site, "gkb", next_path="/admin/hudong/?q=" + code)
    office.get_by_role("link", name=code).click()
    expect(office.locator("select[name=department] option:checked")).to_have_text(EDU)
    office.get_by_role("button", name="派单").click()
    expect(office.get_by_text("已派单")).to_be_visible()
    case_url = office.url

    # the education bureau replies
    bureau = new_page()
    login(bureau, site, "jyj_editor", next_path=case_url.removeprefix(base))
    expect(bureau.get_by_role("heading", name=re.compile(MESSAGE_TITLE))).to_be_visible()
    bureau.get_by_label("答复内容（提交后由政务公开办审核公开）").fill(REPLY)
    bureau.get_by_role("button", name="提交答复").click()
    expect(bureau.get_by_text("已提交答复")).to_be_visible()

    # the office reviews the reply and publishes it
    office.goto(case_url)
    expect(office.get_by_label("审核后公开的答复（可修改）")).to_have_value(REPLY)
    office.get_by_role("button", name="审核通过并公开").click()
    expect(office.get_by_text("已审核通过")).to_be_visible()

    # the citizen finds the reply with the code and secret and rates it
    citizen.goto(base + "/liuyan/chaxun/")
    field(citizen, "code").fill(code)
    field(citizen, "secret").fill(secret)
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.get_by_text(REPLY)).to_be_visible()
    citizen.get_by_label("满意", exact=True).check()
    field(citizen, "comment").fill("答复很清楚，谢谢。")
    citizen.get_by_role("button", name="提交评价").click()
    expect(citizen.get_by_role("status")).to_contain_text("感谢您的评价。")
    expect(citizen.locator("tr", has_text="评价").locator("td")).to_have_text("满意")

    # and the message board shows the reply with its rating to everyone
    citizen.goto(base + "/liuyan/")
    row = citizen.locator("tr", has_text=MESSAGE_TITLE)
    expect(row).to_contain_text(EDU)
    expect(row).to_contain_text("满意")
    shot(citizen, "message-board-rated")


def admin_status(page, site, path):
    """Open an admin screen as the signed-in person: the HTTP status and the text on the screen they land on."""
    response = page.goto(site["url"] + path)
    page.wait_for_load_state()
    return response.status, page.locator("body").inner_text()


def refused(page, site, path):
    """Refused: a 403 screen, or sent away from the screen (Wagtail returns to the dashboard with its notice)."""
    status, _ = admin_status(page, site, path)
    return status == 403 or not page.url.split("?")[0].endswith(path)


def test_the_three_administrators_each_do_their_one_job_and_are_refused_the_others(site, new_page):
    """三员分立: the system administrator keeps accounts, the security administrator the word lists and security
    policy, the audit administrator reads the trail — each signs in with an authenticator (first login enrols it)
    and each is refused the other two's screens; the auditor finds the other two's sign-ins in the trail."""
    sysadmin = new_page()
    assert (
        login(sysadmin, site, "sysadmin") is not None
    )  # enrolled at the first login, as every administrator
    status, text = admin_status(sysadmin, site, "/admin/org/staff/")
    assert status == 200 and "jyj_editor" in text
    status, text = admin_status(sysadmin, site, "/admin/security/locked/")
    assert status == 200
    for path in ("/admin/audit/", "/admin/sensitive_words/"):
        assert refused(sysadmin, site, path)
    shot(sysadmin, "sysadmin-refused-audit")

    secadmin = new_page()
    login(secadmin, site, "secadmin")
    status, text = admin_status(secadmin, site, "/admin/sensitive_words/")
    assert status == 200 and "敏感词库" in text
    for path in ("/admin/org/staff/", "/admin/audit/"):
        assert refused(secadmin, site, path)

    auditor = new_page()
    login(auditor, site, "auditor")
    status, text = admin_status(auditor, site, "/admin/audit/?q=account.totp_enrolled")
    assert status == 200 and "审计记录" in text
    # the other two administrators' enrolments, each under the person who did it
    assert "李卫东（sysadmin）" in text and "王静（secadmin）" in text
    shot(auditor, "auditor-reads-the-trail")
    for path in ("/admin/org/staff/", "/admin/sensitive_words/", "/admin/security/locked/"):
        assert refused(auditor, site, path)


# --- 信息员 → 初审 → 保密审查 → 终审: a new item through the review chain (先审查后发布) ------------------------------
NEW_TITLE = "恩施市教育局关于做好2026年寒假中小学生安全教育工作的通知"
REJECT_REASON = "文号有误，应为恩市教发〔2026〕22号，请核对后重新报送"


def open_footer_menu(page):
    """Wagtail's editor footer keeps the other actions behind the arrow next to its main button."""
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()


def review(page, site, item_id, button, comment=None):
    """A reviewer opens the item's edit screen and presses one of the review actions in its footer."""
    page.goto(f"{site['url']}/admin/pages/{item_id}/edit/")
    footer = page.locator("footer")
    action = footer.get_by_role("button", name=button, exact=True)
    if not action.is_visible():
        open_footer_menu(page)
    action.click()
    if comment is not None:
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        dialog.locator("textarea[name=comment]").fill(comment)
        dialog.locator("button[type=submit], input[type=submit]").first.click()
        if comment:  # taken: the dialog closes and Wagtail reloads the screen (an empty reason keeps it open)
            expect(dialog).to_be_hidden(timeout=15000)
    page.wait_for_load_state()


def test_an_editors_new_item_goes_through_the_three_reviews_and_is_published_with_its_own_index_number(
    site, new_page, db_access
):
    from gongkai.disclosure.models import GovInfoPage, Topic

    topic = Topic.objects.get(name="教育", parent__isnull=False)
    page = new_page()
    login(page, site, "jyj_editor")
    # the department's 通知公告 column in the page explorer → 添加子页面 (an editor may add only 政府信息 there)
    page.goto(f"{site['url']}/admin/pages/{site['column_id']}/")
    page.locator(f"main a[href$='/pages/{site['column_id']}/add_subpage/']").first.click()
    page.wait_for_load_state()
    if "/add_subpage/" in page.url:
        page.locator("main").get_by_role("link", name="政府信息", exact=True).click()
        page.wait_for_load_state()
    expect(page.locator("#id_title")).to_be_visible()
    page.locator("#id_title").fill(NEW_TITLE)
    page.locator("#id_topic").select_option(str(topic.pk))
    page.locator("#id_genre").select_option("通知")
    page.locator("#id_doc_number").fill("恩市教发〔2026〕21号")
    page.locator("#id_written_date").fill("2026-12-01")
    page.keyboard.press("Escape")
    page.locator("#id_summary").fill("部署2026年寒假中小学生安全教育工作。")
    body = page.locator("[data-contentpath=body] [contenteditable=true]").first
    body.click()
    body.type("各乡镇（街道）中心学校、市直各学校：寒假将至，现就做好学生假期安全教育工作通知如下。")
    # she presses 提交 straight away, the cursor still in the body: the form waits for the rich-text editor to
    # hand its content over (Draftail does so 250 ms after the last keystroke; core/static/core/admin/richtext-save.js)
    open_footer_menu(page)
    page.locator("footer button[name=action-submit]").click()
    page.wait_for_url(lambda url: "/add/" not in url)
    item = GovInfoPage.objects.get(title=NEW_TITLE)
    assert item.current_workflow_task.name == "初审（科室负责人）"
    assert "寒假将至" in item.get_latest_revision_as_object().body, "the body typed into the editor was kept"

    # 初审: 退回修改 without a reason is refused; with one, the item goes back to the editor
    reviewer = new_page()
    login(reviewer, site, "jyj_chushen")
    review(reviewer, site, item.pk, "退回修改", comment="")
    expect(reviewer.get_by_text("请填写退回修改的理由")).to_be_visible()
    review(reviewer, site, item.pk, "退回修改", comment=REJECT_REASON)
    assert GovInfoPage.objects.get(pk=item.pk).current_workflow_state.status == "needs_changes"

    # the editor reads the reason on the edit screen itself, corrects the 文号 and resubmits
    page.goto(f"{site['url']}/admin/pages/{item.pk}/edit/")
    expect(page.get_by_text(REJECT_REASON).first).to_be_visible()
    page.locator("#id_doc_number").fill("恩市教发〔2026〕22号")
    submit = page.locator("footer button[name=action-submit]")
    if not submit.is_visible():
        open_footer_menu(page)
    submit.click()
    page.wait_for_load_state()

    # one approval per step
    for username, next_task in (
        ("jyj_chushen", "保密审查"),
        ("jyj_baomi", "终审（分管领导）"),
        ("jyj_leader", None),
    ):
        step = new_page()
        login(step, site, username)
        review(step, site, item.pk, "通过")
        item = GovInfoPage.objects.get(pk=item.pk)
        if next_task:
            assert item.current_workflow_task and item.current_workflow_task.name == next_task, username
    assert item.live and item.index_no and item.doc_number == "恩市教发〔2026〕22号"
    assert item.published_date >= item.written_date

    # the public page: the item's own 索引号 and 发布日期
    public = new_page()
    public.goto(site["url"] + item.url)
    expect(public.get_by_role("heading", name=NEW_TITLE)).to_be_visible()
    expect(public.get_by_text(item.index_no)).to_be_visible()
    expect(public.get_by_text("寒假将至", exact=False)).to_be_visible()
    shot(public, "editor-item-published")


# --- 政务公开办: the quarter's assessment (常态化考评) --------------------------------------------------------------
JIEDU_NOTE = "核查本季度重要政策文件3件，同步发布解读2件，缺1件图解"
VETO_REASON = "11月20日通知公告栏目误发含学生身份证号的名单，经核实属严重错误"


def test_office_runs_the_quarters_assessment_with_a_manual_score_and_a_veto_and_exports_it(
    site, new_page, db_access
):
    """The office creates the current quarter's run (a quarter not yet begun is refused), computes it, scores a
    manual indicator and records a 单项否决 with its reason for the education bureau, recomputes (the manual scores
    stay), drills down from the ranking into the bureau's indicators and downloads the Excel with both in it."""
    from io import BytesIO

    import openpyxl
    from django.utils import timezone

    from gongkai.assessment.indicators import scoring
    from gongkai.core import workdays

    today = workdays.local_date(timezone.now())
    current = scoring.quarter_of(today)
    year, quarter = today.year, int(current[-1])
    future = f"{year + 1}Q1" if quarter == 4 else f"{year}Q{quarter + 1}"

    page = new_page()
    login(page, site, "gkb", next_path="/admin/kaoping/")
    expect(page.get_by_role("heading", name="新建季度考评")).to_be_visible()
    # a quarter that has not begun cannot be assessed
    page.get_by_label("考评期").fill(future)
    page.get_by_role("button", name="建立").click()
    expect(page.get_by_text(f"{future} 尚未开始")).to_be_visible()
    page.get_by_label("考评期").fill(current)
    page.get_by_role("button", name="建立").click()
    expect(page.get_by_text("请计算。")).to_be_visible()
    page.get_by_role("button", name="计算", exact=True).click()
    expect(page.get_by_text("已按现有数据计算。")).to_be_visible()

    # the ranking → the education bureau's indicators
    page.locator("table.kp-table tbody").get_by_role("link", name=EDU, exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(f"^{EDU}："))).to_be_visible()
    result_url = page.url

    jiedu = page.locator("tr", has_text="政策解读与回应关切")
    jiedu.get_by_label("得分").fill("3.5")
    jiedu.get_by_label("评分依据（核查情况、材料）").fill(JIEDU_NOTE)
    jiedu.get_by_role("button", name="保存评分").click()
    expect(page.get_by_text("已录入“政策解读与回应关切”的评分。")).to_be_visible()

    veto = page.locator("tr", has_text="严重错误与失泄密（单项否决）")
    veto.get_by_label("得分").fill("0")
    veto.get_by_label("评分依据（核查情况、材料）").fill(VETO_REASON)
    veto.get_by_label("认定单项否决").check()
    veto.get_by_role("button", name="保存评分").click()
    expect(page.get_by_text("已录入“严重错误与失泄密（单项否决）”的评分。")).to_be_visible()
    # the 单项否决 box at the top says why
    expect(page.locator(".help-critical")).to_contain_text(VETO_REASON)

    # recompute the quarter: the two manual scores are kept, the bureau stays red and ranked after the others
    page.get_by_role("link", name=re.compile("部门考评表$")).click()
    page.get_by_role("button", name="按现有数据重新计算").click()
    expect(page.get_by_text("已按现有数据计算。")).to_be_visible()
    row = page.locator("tbody tr", has=page.get_by_role("link", name=EDU, exact=True))
    expect(row).to_contain_text("单项否决")
    expect(row).to_contain_text("3.50")
    expect(row).to_contain_text("红")
    row.get_by_role("link", name=EDU, exact=True).click()
    expect(page.locator("tr", has_text="政策解读与回应关切")).to_contain_text(JIEDU_NOTE)
    expect(page.locator(".help-critical")).to_contain_text(VETO_REASON)
    assert (
        page.url.split("#")[0] != result_url
    )  # recomputing rebuilt the results; the link followed the new one
    shot(page, "assessment-office-result")

    # the Excel of the quarter
    page.get_by_role("link", name=re.compile("部门考评表$")).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    assert download.value.suggested_filename == f"kaoping-{current}.xlsx"
    book = openpyxl.load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    summary = book["汇总"]
    header = [c.value for c in summary[3]]
    edu_row = next(r for r in summary.iter_rows(min_row=4, values_only=True) if r[1] == EDU)
    assert edu_row[header.index("标记")] == "红"
    assert VETO_REASON in edu_row[header.index("单项否决情形")]
    jiedu_column = next(i for i, h in enumerate(header) if h.startswith("政策解读与回应关切（"))
    assert edu_row[jiedu_column] == 3.5
    detail = [r for r in book["指标明细"].iter_rows(min_row=2, values_only=True) if r[0] == EDU]
    jiedu_detail = next(r for r in detail if r[1] == "政策解读与回应关切")
    assert jiedu_detail[8] == JIEDU_NOTE
    assert next(r for r in detail if r[1] == "严重错误与失泄密（单项否决）")[6] == "是"


# --- 政策解读: the policy it interprets, found by typing ----------------------------------------------------------
POLICY_TITLE = "恩施市义务教育阶段学校招生入学管理办法"


def test_an_editor_finds_the_interpreted_policy_by_typing_part_of_its_document_number(
    site, new_page, db_access
):
    """所解读的政策文件 is not a list of every title: the editor types part of the 文号 and picks the policy; the saved
    draft names it."""
    import datetime

    from gongkai.disclosure import setup
    from gongkai.disclosure.models import DocLevel, GovInfoPage, Topic
    from gongkai.org.models import Department

    edu = Department.objects.get(name=EDU)
    catalog = edu.catalog_page
    topic = Topic.objects.get(name="教育", parent__isnull=False)

    def item(column, title, **fields):
        page = GovInfoPage.objects.filter(title=title).first()
        if page is None:
            page = GovInfoPage(
                title=title,
                department=edu,
                topic=topic,
                written_date=datetime.date(2026, 11, 20),
                body="<p>为规范义务教育阶段学校招生入学工作，制定本办法。</p>",
                **fields,
            )
            setup.column(catalog, "fdzdgknr", column).add_child(instance=page)
        return page

    policy = item(
        "zcwj", POLICY_TITLE, genre="通知", doc_level=DocLevel.NORMATIVE, doc_number="恩市教规〔2026〕3号"
    )
    if not policy.live:
        policy.save_revision().publish(skip_permission_checks=True)
    draft = item("zcjd", f"《{POLICY_TITLE}》政策解读", genre="解读", doc_number="")
    draft.save_revision()

    page = new_page()
    login(page, site, "jyj_editor", next_path=f"/admin/pages/{draft.pk}/edit/")
    search = page.get_by_label("查找政策文件（标题或文号）")
    expect(search).to_be_visible()
    expect(page.locator("select[name=policies]")).to_be_hidden()  # the long list gives way to the search
    search.fill("教规〔2026〕3")
    page.get_by_role("button", name=f"选择：{POLICY_TITLE}（恩市教规〔2026〕3号）").click()
    expect(page.get_by_role("list", name="已选的政策文件")).to_contain_text(POLICY_TITLE)
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("list", name="已选的政策文件")).to_contain_text(POLICY_TITLE)
    saved = GovInfoPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert [p.pk for p in saved.policies.all()] == [policy.pk]
    search.fill("招生")  # another look-up: the chosen policy is not offered twice
    expect(page.get_by_role("status").filter(has_text="均已选择")).to_be_visible()
    page.locator("[data-contentpath=policies]").screenshot(path=str(SHOTS / "editor-policy-picked.png"))
