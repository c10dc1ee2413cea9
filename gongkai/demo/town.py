"""A second site in the demo (集约化, MISSION B5; docs/multisite.md): 恩施市龙凤镇人民政府's own government site on
the same platform — its own host name, site identity, departments, catalog, items, office staff, a message and an
FOI request — at http://longfeng.localhost:8000/ (browsers resolve *.localhost to this machine; or send the header
`Host: longfeng.localhost`). Loaded by `gongkai demo` after the other apps; idempotent."""

import datetime
import os

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from gongkai.core import roles
from gongkai.core.identity import make_uscc, resident_id_check_char
from gongkai.demo.org import DEMO_PASSWORD, create_demo_staff
from gongkai.org.models import Department
from gongkai.portal.models import HomePage, SiteIdentity
from gongkai.portal.setup import ensure_site_pages

HOSTNAME = "longfeng.localhost"
#: the demo is served on one port (`make demo`, PORT); with two sites Wagtail writes links to another site as
#: absolute addresses, so both sites carry the demo's real host and port
PORT = int(os.environ.get("PORT", "8000"))
SITE_NAME = "恩施市龙凤镇人民政府"
OFFICE_NAME = "龙凤镇政务公开办公室"

# (name, short name, 发文字号前缀, kind)
DEPARTMENTS = [
    (OFFICE_NAME, "镇政务公开办", "", Department.Kind.OFFICE),
    ("龙凤镇党政综合办公室", "镇党政办", "龙凤政办发", Department.Kind.TOWN),
    ("龙凤镇社会事务办公室", "镇社会事务办", "龙凤社发", Department.Kind.TOWN),
    ("龙凤镇村镇建设办公室", "镇村镇建设办", "龙凤建发", Department.Kind.TOWN),
    ("龙凤镇农业服务中心", "镇农业服务中心", "龙凤农发", Department.Kind.TOWN),
]

# (username, full name, department, roles, description)
ACCOUNTS = [
    (
        "lf_gkb",
        "向丽华",
        OFFICE_NAME,
        [roles.OFFICE],
        "龙凤镇网站·政务公开办：只见龙凤镇的部门、信息、申请与留言",
    ),
    ("lf_editor", "田野", "龙凤镇社会事务办公室", [roles.EDITOR], "龙凤镇网站·镇社会事务办信息员"),
    ("lf_leader", "谭明", "龙凤镇社会事务办公室", [roles.REVIEWER_LEADER], "龙凤镇网站·镇社会事务办分管领导"),
]

MESSAGE_CATEGORY = "龙凤镇村镇建设"

ITEMS = [
    # (department, column slugs, title, genre, topic, days ago, body)
    (
        "龙凤镇社会事务办公室",
        ("fdzdgknr", "tzgg"),
        "龙凤镇关于做好2027年度城乡居民基本医疗保险参保缴费工作的通知",
        "通知",
        "卫生、体育\\医疗保障",
        12,
        "各村（社区）：2027年度城乡居民基本医疗保险集中参保缴费期为2026年9月1日至12月31日。请各村（社区）做好政策宣传，"
        "组织辖区居民通过“楚税通”或村（社区）代收点按时缴费。特困人员、低保对象等按规定享受资助参保。",
    ),
    (
        "龙凤镇村镇建设办公室",
        ("fdzdgknr", "tzgg"),
        "龙凤镇2026年农村危房改造补助对象公示",
        "公告",
        "城乡建设、环境保护\\住房",
        8,
        "经农户申请、村民代表评议、村级公示和镇级审核，拟确定青堡村、龙马村等 12 户为 2026 年农村危房改造补助对象。"
        "公示期 7 天，如有异议，请向龙凤镇村镇建设办公室反映。",
    ),
    (
        "龙凤镇农业服务中心",
        ("fdzdgknr", "gzdt"),
        "龙凤镇开展秋冬季森林防火和茶园管护技术培训",
        "动态",
        "农业、林业、水利\\林业",
        3,
        "近日，龙凤镇农业服务中心组织各村护林员和茶叶专业合作社负责人开展秋冬季森林防火和茶园管护技术培训，"
        "讲解野外用火管理、扑救常识和茶园冬季修剪、施肥要点，参训人员 80 余人。",
    ),
    (
        "龙凤镇党政综合办公室",
        ("fdzdgknr", "zcwj"),
        "龙凤镇人民政府关于印发《龙凤镇农村人居环境整治提升实施方案》的通知",
        "通知",
        "城乡建设、环境保护\\生态环境",
        30,
        "各村（社区）、镇直各单位：现将《龙凤镇农村人居环境整治提升实施方案》印发给你们，请结合实际认真贯彻落实。"
        "方案明确了农村生活垃圾治理、厕所革命、生活污水治理和村容村貌提升四项重点任务。",
    ),
]


def ensure_site():
    """The town's home page (its own tree root), its Wagtail site and its site identity."""
    home = HomePage.objects.filter(slug="longfeng", depth=2).first()
    if home is None:
        home = HomePage(
            title=SITE_NAME,
            slug="longfeng",
            show_in_menus=False,
            intro="<p>欢迎访问恩施市龙凤镇人民政府网站。本站与恩施市政务公开平台共建共用（集约化）。</p>",
        )
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        site = Site.objects.create(
            hostname=HOSTNAME, port=PORT, root_page=home, is_default_site=False, site_name=SITE_NAME
        )
    Site.objects.filter(is_default_site=True, hostname="localhost").update(hostname="127.0.0.1", port=PORT)
    identity = SiteIdentity.for_site(site)
    if identity.site_domain != "www.longfeng.gov.cn":
        identity.site_name = SITE_NAME
        identity.site_domain = "www.longfeng.gov.cn"
        identity.site_id_code = "4228010103"
        identity.sponsor = SITE_NAME
        identity.organizer = "龙凤镇党政综合办公室"
        identity.contact_phone = "0718-8481234"
        identity.contact_address = "湖北省恩施市龙凤镇龙凤大道 18 号"
        identity.icp_number = "鄂ICP备05003320号-3"
        identity.police_number = "鄂公网安备 42280102000188号"
        identity.save()
    ensure_site_pages(site)  # after the identity: 联系我们 and 网站声明 are written from it
    return home, site


def ensure_departments(site):
    out = {}
    for i, (name, short, prefix, kind) in enumerate(DEPARTMENTS, start=1):
        dept, _ = Department.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "code": make_uscc("11", "422801", f"9{i:07d}"),
                "doc_prefix": prefix,
                "kind": kind,
                "phone": "0718-8481234",
                "address": "湖北省恩施市龙凤镇龙凤大道 18 号",
                "sort_order": 900 + i,
                "site": site,
            },
        )
        out[name] = dept
    return out


def ensure_staff(departments):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    users = {}
    for username, full_name, dept_name, role_list, _ in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_demo_staff(
                username=username,
                full_name=full_name,
                department=departments[dept_name],
                role_list=role_list,
                title=role_list[0],
            )
        users[username] = user
    return users


def ensure_catalog(home, departments, users):
    from gongkai.demo.disclosure import import_published, publish_history
    from gongkai.disclosure import setup
    from gongkai.disclosure.models import GovInfoPage, Topic
    from gongkai.disclosure.related import update_related

    root = setup.ensure_root(home)
    workflow = setup.ensure_default_workflow()
    catalogs = {
        name: setup.ensure_department_catalog(root, dept, workflow=workflow)
        for name, dept in departments.items()
    }
    if GovInfoPage.objects.filter(department__in=departments.values()).exists():
        return 0
    topics = {str(t): t for t in Topic.objects.select_related("parent")}
    today = timezone.localdate()
    created = []
    for dept_name, column, title, genre, topic, days_ago, body in ITEMS:
        published_on = today - datetime.timedelta(days=days_ago)
        written = published_on - datetime.timedelta(days=3)
        page = import_published(
            setup.column(catalogs[dept_name], *column),
            published_on,
            users["lf_gkb"],
            {
                "title": title,
                "department": departments[dept_name],
                "topic": topics[topic],
                "genre": genre,
                "written_date": written,
                "keywords": "龙凤镇",
                "summary": body[:60],
                "body": f"<p>{body}</p>",
            },
        )
        created.append(page.pk)
    for pk in created:
        update_related(pk, refresh_neighbours=False)
    # and the history every catalog has: policies with their 解读 and 图解, notices, news, 指南, 制度, 年报 …
    published = publish_history(
        list(departments.values()),
        {dept.pk: catalogs[name] for name, dept in departments.items()},
        users["lf_gkb"],
        topics,
    )
    return len(created) + published


def ensure_message(site, departments, users):
    from gongkai.interaction import actions, intake
    from gongkai.interaction.models import Case, Category, Channel

    Category.objects.get_or_create(
        channel=Channel.MESSAGE,
        name=MESSAGE_CATEGORY,
        defaults={"department": departments["龙凤镇村镇建设办公室"], "sort_order": 50},
    )
    intake.clear_category_cache()
    if Case.objects.filter(site=site).exists():
        return
    now = timezone.now()
    received = now - datetime.timedelta(days=6)
    cleaned, errors = intake.validate_message(
        {
            "name": "杨春生",
            "phone": "13907186623",
            "category": MESSAGE_CATEGORY,
            "title": "龙马村通组公路何时硬化",
            "public": True,
            "content": "龙马村五组到六组的通组公路还是泥巴路，雨天车辆无法通行，请问今年有没有硬化计划？",
        },
        site=site,
    )
    if errors:
        raise ValueError(errors)
    case, _ = actions.submit(
        Channel.MESSAGE, cleaned, source="demo", now=received, received_at=received, site=site
    )
    office = users["lf_gkb"]
    actions.dispatch(
        office, case, departments["龙凤镇村镇建设办公室"], now=received + datetime.timedelta(hours=3)
    )
    actions.submit_reply(
        office,
        case,
        "您好！龙马村五组至六组通组公路已纳入 2027 年农村公路硬化计划，预计明年 4 月开工。施工前将在村务公开栏公示，"
        "感谢您的关注。",
        now=received + datetime.timedelta(days=2),
    )
    actions.review_reply(office, case, approve=True, now=received + datetime.timedelta(days=2, hours=2))


def ensure_foi(site, departments, users):
    from gongkai.foi import actions, services
    from gongkai.foi.models import Application

    if Application.objects.filter(site=site).exists():
        return
    body = "42280119780312426"
    cleaned, errors = services.validate(
        {
            "applicant_type": "natural_person",
            "name": "覃志强",
            "id_type": "resident_id",
            "id_number": body + resident_id_check_char(body),
            "phone": "13972716688",
            "email": "qinzq@example.com",
            "address": "湖北省恩施市龙凤镇青堡村 3 组 21 号",
            "description": "请公开龙凤镇 2026 年农村危房改造补助对象的评定标准和补助资金发放明细。",
            "delivery_form": "email",
            "delivery_way": "online",
        }
    )
    if errors:
        raise ValueError(errors)
    now = timezone.now()
    submitted = now - datetime.timedelta(days=5)
    app, _secret = actions.submit(cleaned, at=submitted, site=site)
    office = users["lf_gkb"]
    actions.confirm_receipt(office, app, at=submitted + datetime.timedelta(hours=20))
    actions.assign(
        office, app, departments["龙凤镇村镇建设办公室"], at=submitted + datetime.timedelta(days=1)
    )


@transaction.atomic
def load(stdout):
    home, site = ensure_site()
    departments = ensure_departments(site)
    users = ensure_staff(departments)
    items = ensure_catalog(home, departments, users)
    ensure_message(site, departments, users)
    ensure_foi(site, departments, users)
    stdout.write(
        f"  第二个网站「{SITE_NAME}」：http://{HOSTNAME}:{PORT}/（部门 {len(departments)} 个，新发布信息 {items} 条）"
    )
    return {"logins": [(u, DEMO_PASSWORD, d) for u, _, _, _, d in ACCOUNTS]}
