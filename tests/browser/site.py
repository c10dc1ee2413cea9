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
    return {
        "home": "/",
        "column": column.url,
        "item": first.url,
        "catalog": catalog.url,
        "area": home.get_children().live().first().url,
        "column_id": column.pk,
    }
