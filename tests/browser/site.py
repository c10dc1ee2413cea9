"""A small but real public site for the browser tests: the demo home page and function areas, the catalog of the
education bureau with its standard columns, and published items (through Wagtail's publishing, so the disclosure
app's publication record, 索引号 and 发布日期 are set as in production).

Also usable by hand: `PYTHONPATH=. .venv/bin/gongkai shell -c "from tests.browser.site import build; print(build())"`.
"""

import datetime
from io import StringIO

from django.core.management import call_command

ITEMS = [
    (
        "恩施市教育局关于做好2026年秋季学期义务教育招生入学工作的通知",
        "恩市教发〔2026〕12号",
        "<p>各乡镇（街道）中心学校、市直各学校：</p><p>现将2026年秋季学期义务教育招生入学有关事项通知如下。"
        "一、坚持免试就近入学，公办学校不得以任何形式选拔学生。二、适龄儿童少年凭户口簿和居住证明在户籍或居住地报名。"
        "三、进城务工人员随迁子女按相对就近原则统筹安排。</p><p>咨询电话：0718-8222345。政策原文见<a href='https://www.gov.cn/zhengce/'>中国政府网</a>。</p>",
    ),
    (
        "恩施市教育局关于2026年教师资格认定工作的公告",
        "恩市教发〔2026〕15号",
        "<p>根据《教师资格条例》，现就2026年下半年教师资格认定工作公告如下：申请人须在规定时间内完成网上申报，"
        "并携带身份证明、学历证书和体检合格证明到现场确认。</p>",
    ),
]


def build():
    """Idempotent. Returns the URLs of the page kinds the tests visit."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    from gongkai.disclosure import setup
    from gongkai.disclosure.models import GovInfoPage, Topic
    from gongkai.org.models import Department
    from gongkai.portal.setup import ensure_home

    # a transactional test starts from an empty database (the rows of the data migrations are flushed)
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    call_command("demo", "--only", "org", "--only", "portal", stdout=StringIO())
    home = ensure_home()
    root = setup.ensure_root(home)
    # the org demo ran before the portal made the default site: its departments join that site now, as a fresh
    # `gongkai demo` has them (集约化, docs/multisite.md)
    from wagtail.models import Site

    Department.objects.filter(site__isnull=True).update(
        site=Site.objects.filter(is_default_site=True).first()
    )
    edu = Department.objects.get(name="恩施市教育局")
    catalog = setup.ensure_department_catalog(root, edu)
    column = setup.column(catalog, "fdzdgknr", "tzgg")
    parent_topic, _ = Topic.objects.get_or_create(name="科技、教育", parent=None)
    topic, _ = Topic.objects.get_or_create(name="教育", parent=parent_topic)
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.filter(username="jyj_editor").first()  # 市教育局信息员 (demo org)
    item = None
    for title, doc_number, body in ITEMS:
        item = GovInfoPage.objects.filter(title=title).first()
        if item is None:
            item = GovInfoPage(
                title=title,
                department=edu,
                topic=topic,
                genre="通知",
                doc_number=doc_number,
                written_date=datetime.date(2026, 11, 20),
                body=body,
                owner=editor,
            )
            column.add_child(instance=item)
            item.save_revision().publish(skip_permission_checks=True)
    first = GovInfoPage.objects.get(title=ITEMS[0][0])
    services = _services(edu)
    message = _message(edu)
    return {
        **services,
        "message": f"/liuyan/{message.code}/",
        "home": "/",
        "column": column.url,
        "item": first.url,
        "catalog": catalog.url,
        "area": home.get_children().live().first().url,
        "column_id": column.pk,
    }


GUIDE_STEPS = [
    ("登录湖北政务服务网", "打开湖北政务服务网，用手机号或身份证号登录。", "", "右上角“登录”"),
    (
        "填写报名信息",
        "选择“义务教育入学报名”，按页面提示填写儿童和监护人信息。",
        "户口簿、居住证明",
        "“我要报名”按钮",
    ),
    ("等待审核结果", "提交后留意短信通知，审核结果一般在 5 个工作日内发出。", "", ""),
]


def _services(edu):
    """One theme with one published 办事指南, a 问答 and an 操作指引 (主题服务, F13/F14)."""
    from django.utils import timezone

    from gongkai.services import rules
    from gongkai.services.models import Guide, GuideStep, ItemStatus, ListType, Question, ServiceItem, Theme

    theme, _ = Theme.objects.get_or_create(
        slug="jiaoyu", defaults={"name": "教育", "summary": "入学、学籍、资助、教师资格", "sort_order": 1}
    )
    item = ServiceItem.objects.filter(code="11422801000010372M-JY-0001").first()
    if item is None:
        item = ServiceItem.objects.create(
            department=edu,
            code="11422801000010372M-JY-0001",
            list_type=ListType.PUBLIC,
            name="义务教育入学报名",
            basis="《中华人民共和国义务教育法》第十二条",
            conditions="适龄儿童少年，在户籍或居住地报名。",
            materials="户口簿\n居住证明\n儿童预防接种证",
            location="恩施市民之家（恩施市金桂大道 88 号）一楼综合窗口",
            agency="恩施市教育局",
            fee="不收费",
            hours="工作日 上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）",
            phone="0718-8222345",
            process="申请\n受理\n审查\n决定\n送达",
            promised_limit_days=5,
            visits=0,
            service_object="自然人",
            status=ItemStatus.PUBLISHED,
        )
        item.themes.add(theme)
        rules.refresh_derived(item)
        item.save()
    question, _ = Question.objects.get_or_create(
        question="孩子没有本地户口，可以在恩施市上小学吗？",
        defaults={
            "answer": "可以。进城务工人员随迁子女凭居住证明在居住地报名，按相对就近原则统筹安排。\n"
            "具体材料以当年招生公告为准。",
            "theme": theme,
            "department": edu,
            "published_on": datetime.date(2026, 10, 30),
        },
    )
    guide = Guide.objects.filter(title="教育：义务教育入学报名网上办理指引").first()
    if guide is None:
        guide = Guide(
            title="教育：义务教育入学报名网上办理指引",
            department=edu,
            theme=theme,
            item=item,
            intro="按下面 3 步，在手机或电脑上办理，多数情况不用跑窗口。",
            live=True,
            first_published_at=timezone.now(),
        )
        for i, (title, text, bring, click) in enumerate(GUIDE_STEPS):
            guide.steps.add(GuideStep(title=title, text=text, bring=bring, click=click, sort_order=i))
        guide.save()
    return {
        "services": "/fuwu/",
        "theme": theme.get_absolute_url(),
        "service_catalog": "/fuwu/shixiang/",
        "service_item": item.get_absolute_url(),
        "question": f"/fuwu/wenda/{question.pk}/",
        "guide": f"/fuwu/zhinan/{guide.pk}/",
    }


def _message(edu):
    """A message answered and published on the board (留言板)."""
    from django.utils import timezone

    from gongkai.interaction.models import Case, Channel, Status

    case = Case.objects.filter(code="LY20261120000001").first()
    if case is None:
        received = timezone.make_aware(datetime.datetime(2026, 11, 20, 9, 30))
        case = Case.objects.create(
            channel=Channel.MESSAGE,
            code="LY20261120000001",
            status=Status.PUBLISHED,
            title="小区旁学校秋季学期能否增加学位",
            content="我家住舞阳坝街道，孩子今年满六岁，听说附近小学学位紧张，请问能否增加学位？",
            public=True,
            dedupe_key="browser-test-message",
            received_at=received,
            reply="您好！市教育局已将舞阳坝片区列入2026年学位扩容计划，新增一年级学位 180 个。感谢您的关注。",
            reply_department=edu,
            department=edu,
            published_at=received + datetime.timedelta(days=4),
        )
    return case
