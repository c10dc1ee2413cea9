"""Demo catalog: every department's catalog with every standard column filled, 600+ published items with real
government texts shipped in gongkai/demo/data (national laws with their real 发布机关, dates and 时效; State Council
regulations quoted in the departments' documents; paragraphs of the Government Work Report; data/DATA.md), policy
documents with their 解读 and 图解, expired, repealed and amended items, and drafts waiting at each review step.

Published history (2025 to yesterday) is imported, not re-enacted: each item gets its historical publication date,
its 索引号 in date order and a publication record marked "历史数据导入", in one audited action per item. A few items
are then taken through the real review workflow today, and drafts are left at each step for the demo accounts.
"""

import datetime
import gzip
import html
import io
import json
import random
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, workdays
from gongkai.disclosure import setup
from gongkai.disclosure.actions import lift_none_yet
from gongkai.disclosure.models import (
    ColumnKind,
    ColumnPage,
    DepartmentCatalogPage,
    DocLevel,
    GovInfoPage,
    PilotArea,
    PublicationRecord,
    StandardCatalogEntry,
    Topic,
)
from gongkai.disclosure.rules import next_index_no
from gongkai.org.models import Department
from gongkai.org.sites import departments_of_site
from gongkai.portal.setup import ensure_home

TODAY = None  # set in load(); the demo's "now"
RNG = random.Random(20261127)  # noqa: S311 — reproducible demo data

# department short name → (topic path, keywords for matching real regulations, subjects for notices and news)
PROFILES = {
    "市政府办": (
        "综合政务\\政务公开",
        ["政府信息公开", "行政复议", "行政法规制定"],
        ["政务公开", "政务督查", "营商环境", "政务值班"],
    ),
    "市发改局": (
        "国民经济管理、国有资产监管\\发展规划",
        ["价格", "投资", "招标投标"],
        ["重点项目建设", "价格监测", "粮食安全", "以工代赈"],
    ),
    "市教育局": (
        "科技、教育\\教育",
        # not the bare word 教育: it would match 《卖淫嫖娼人员收容教育办法》 (abolished; the source has no 时效)
        ["教育督导", "教育条例", "教育促进法", "学校", "教师", "学位"],
        ["义务教育招生", "学生资助", "校园安全", "教师招聘", "课后服务"],
    ),
    "市科经局": (
        "工业、交通\\工业",
        ["科学技术", "信息化", "工业"],
        ["规上工业企业培育", "科技型中小企业评价", "数字经济"],
    ),
    "市公安局": (
        "公安、安全、司法\\公安",
        ["治安管理", "户口", "居民身份证", "道路交通安全"],
        ["户籍业务办理", "反诈宣传", "交通安全整治"],
    ),
    "市民政局": (
        "民政、扶贫、救灾\\民政",
        ["社会救助", "养老", "殡葬", "婚姻登记"],
        ["最低生活保障", "特困人员供养", "养老服务补贴", "婚姻登记"],
    ),
    "市司法局": (
        "公安、安全、司法\\司法",
        ["法律援助", "人民调解", "公证"],
        ["法律援助", "普法宣传", "人民调解"],
    ),
    "市财政局": (
        "财政、金融、审计\\财政",
        ["预算", "政府采购", "财政"],
        ["预算公开", "政府采购", "惠民惠农补贴发放"],
    ),
    "市人社局": (
        "劳动、人事、监察\\就业",
        ["就业", "社会保险", "劳动", "工伤", "失业"],
        ["稳就业", "社会保险费征缴", "农民工工资支付", "职业技能培训"],
    ),
    "市自然资源和规划局": (
        "国土资源、能源\\自然资源",
        ["土地", "测绘", "矿产"],
        ["国土空间规划", "不动产登记", "耕地保护"],
    ),
    "市生态环境分局": (
        "城乡建设、环境保护\\生态环境",
        ["环境", "污染", "大气", "水污染"],
        ["大气污染防治", "建设项目环评", "饮用水水源地保护"],
    ),
    "市住建局": (
        "城乡建设、环境保护\\城乡建设",
        ["建设", "物业", "建筑"],
        ["老旧小区改造", "建筑施工安全", "物业管理"],
    ),
    "市交通运输局": (
        "工业、交通\\交通",
        ["道路运输", "公路", "交通"],
        ["农村公路建设", "道路运输安全", "城乡公交"],
    ),
    "市水利局": (
        "农业、林业、水利\\水利",
        ["水", "河道", "防汛", "水库"],
        ["防汛抗旱", "河湖长制", "农村饮水安全"],
    ),
    "市农业农村局": (
        "农业、林业、水利\\农业农村",
        ["农业", "农村", "种子", "动物防疫", "农产品"],
        ["春耕生产", "耕地地力保护补贴", "茶产业发展", "农产品质量安全"],
    ),
    "市商务局": (
        "商贸、海关、旅游\\商贸",
        ["对外贸易", "商业", "商务"],
        ["促消费活动", "电子商务进农村", "外贸稳增长"],
    ),
    "市文旅局": (
        "商贸、海关、旅游\\旅游",
        ["文化", "旅游", "文物"],
        ["恩施大峡谷旅游秩序", "非遗保护", "公共文化服务"],
    ),
    "市卫健局": (
        "卫生、体育\\卫生健康",
        ["卫生", "医疗", "传染病", "疫苗", "医师"],
        ["家庭医生签约", "传染病防控", "基层医疗服务能力"],
    ),
    "市退役军人事务局": (
        "民政、扶贫、救灾\\退役军人",
        ["退役", "军人", "烈士", "抚恤"],
        ["退役军人就业", "优抚对象走访慰问", "烈士纪念设施管理"],
    ),
    "市应急管理局": (
        "市场监管、安全生产监管\\安全生产",
        ["安全生产", "消防", "应急", "危险化学品"],
        ["安全生产大检查", "森林防灭火", "地质灾害防范"],
    ),
    "市审计局": ("财政、金融、审计\\审计", ["审计"], ["预算执行审计", "经济责任审计"]),
    "市市场监管局": (
        "市场监管、安全生产监管\\市场监管",
        ["食品", "产品质量", "价格", "市场"],
        ["食品安全抽检", "个体工商户年报", "特种设备安全"],
    ),
    "市统计局": ("国民经济管理、国有资产监管\\统计", ["统计"], ["经济普查", "统计数据发布"]),
    "市医保局": (
        "卫生、体育\\医疗保障",
        ["医疗保障", "医疗保险", "医疗救助"],
        ["城乡居民医保参保", "异地就医备案", "医保基金监管"],
    ),
    "市林业局": (
        "农业、林业、水利\\林业",
        ["森林", "林", "野生动物"],
        ["森林资源管护", "林长制", "野生动物保护"],
    ),
    "市城管执法局": (
        "城乡建设、环境保护\\城市管理",
        ["城市", "市容", "环境卫生", "城乡规划"],
        ["市容环境整治", "违法建设治理", "垃圾分类"],
    ),
    "市政数局": ("综合政务\\电子政务", ["政务服务", "电子政务"], ["一网通办", "政务服务好差评", "12345热线"]),
    "市信访局": ("综合政务\\信访", ["信访"], ["信访接待", "矛盾纠纷排查化解"]),
    "市民宗局": ("民族、宗教\\民族", ["宗教", "民族"], ["民族团结进步创建", "宗教活动场所管理"]),
    "市乡村振兴局": (
        "农业、林业、水利\\乡村振兴",
        ["扶贫", "乡村", "农村"],
        ["防止返贫监测", "衔接资金项目", "驻村帮扶"],
    ),
    "市残联": ("民政、扶贫、救灾\\残疾人", ["残疾"], ["残疾人两项补贴", "残疾人就业帮扶", "康复救助"]),
    "市住房保障中心": (
        "城乡建设、环境保护\\住房",
        ["住房", "公积金"],
        ["公租房分配", "住房公积金缴存", "保障性租赁住房"],
    ),
    "市数据局": ("综合政务\\电子政务", ["数据", "信息安全"], ["公共数据开放", "数据资源目录"]),
}
DEFAULT_PROFILE = ("综合政务\\其他", ["行政"], ["乡村振兴", "人居环境整治", "安全生产", "防汛"])


#: the texts the demo publishes, shipped with the repository (built by tools/build_demo_data.py; sources in data/DATA.md)
DATA = Path(__file__).resolve().parent / "data"


def read_jsonl_gz(name):
    with gzip.open(DATA / name, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def paragraphs(text):
    return "".join(
        f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n") if p.strip() and not p.startswith("#")
    )


def local_dt(day, hour=9, minute=30):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def working_days_before(day, n):
    """A written date n working days before `day` (for a realistic gap between 成文 and 发布)."""
    cal = workdays.get_calendar()
    d = day
    while n > 0:
        d -= datetime.timedelta(days=1)
        if cal.is_workday(d):
            n -= 1
    return d


def random_publish_day(start=datetime.date(2025, 1, 2)):
    cal = workdays.get_calendar()
    end = TODAY - datetime.timedelta(days=1)
    while True:
        d = start + datetime.timedelta(days=RNG.randrange((end - start).days + 1))
        if cal.is_workday(d):
            return d


def load_regulations():
    """State Council regulations and ministry rules (title, 发布机关, promulgation lines, first lines of the body)."""
    return read_jsonl_gz("regulations.jsonl.gz")


def load_laws():
    """National laws with the source's 发布机关, dates and 时效, and their first articles."""
    return read_jsonl_gz("laws.jsonl.gz")


def load_reports():
    """The State Council's Government Work Reports (2023–2025), as paragraphs."""
    return read_jsonl_gz("reports.jsonl.gz")


def recent_publish_day(within, at_least=1):
    """A working day between `within` and `at_least` days before the demo's today: the newest item of a column with
    an update cycle falls inside its cycle (栏目更新, docs/site-health.md), except in IDLE_ON_PURPOSE."""
    cal = workdays.get_calendar()
    while True:
        d = TODAY - datetime.timedelta(days=RNG.randint(at_least, within))
        if cal.is_workday(d) and d >= datetime.date(2025, 1, 2):
            return d


#: what the demo leaves behind on purpose, so the health monitor and the assessment have something honest to show
#: (docs/site-health.md): these departments' 工作动态 columns are not kept within their 14-day cycle — two 预警 of
#: 栏目更新, below the veto lines (5 national / 10 any columns)
IDLE_ON_PURPOSE = {"市商务局", "市文旅局"}


def regulation_body(reg, limit=40):
    return reg["lines"][:limit]


class Plan:
    """The items to import, collected first so index numbers run in date order."""

    def __init__(self):
        self.items = []

    def add(self, column, published_on, **fields):
        self.items.append((published_on, column, fields))


def plan_department(plan, dept, catalog, regulations, used_regs, topics):
    short = dept.short_name
    topic_path, keywords, subjects = PROFILES.get(short, DEFAULT_PROFILE)
    topic = topics[topic_path]
    policy_col = setup.column(catalog, "fdzdgknr", "zcwj")
    interp_col = setup.column(catalog, "fdzdgknr", "zcjd")
    graphic_col = setup.column(catalog, "fdzdgknr", "tj")
    notice_col = setup.column(catalog, "fdzdgknr", "tzgg")
    news_col = setup.column(catalog, "fdzdgknr", "gzdt")
    prefix = dept.doc_prefix or "恩市"
    serial = RNG.randint(1, 9)

    matches = [
        r for r in regulations if any(k in r["title"] for k in keywords) and r["title"] not in used_regs
    ]
    RNG.shuffle(matches)
    if len(matches) < 3:  # few regulations match the keywords (a town, a small office): any not yet quoted
        matches += [r for r in regulations if r["title"] not in used_regs and r not in matches][
            : 3 - len(matches)
        ]
    policies = []
    for n, reg in enumerate(matches[:3]):
        used_regs.add(reg["title"])
        # the last one (an 实施细则, with its 解读 and 图解) inside the 180-day cycle of 政策文件/解读/图解
        day = recent_publish_day(150, 6) if n == len(matches[:3]) - 1 else random_publish_day()
        serial += RNG.randint(1, 4)
        lines = regulation_body(reg)
        name = reg["title"].replace("中华人民共和国", "")
        if n == 0:
            # forwarding a higher-level regulation (转发): a notice, not a normative document of the city
            title = f"{dept.name}关于转发《{reg['title']}》的通知"
            promulgated = f"（{reg['history'][0]}）" if reg["history"] else ""
            intro = (
                f"各乡镇（街道）、市直各有关单位：现将{reg['issuer'] or ''}《{reg['title']}》{promulgated}转发给你们，"
                f"请结合实际认真贯彻执行。执行中遇到的问题，请及时向{dept.short_name}反映。"
            )
            level = DocLevel.OTHER
        else:
            title = f"{dept.name}关于印发《恩施市贯彻落实〈{name}〉实施细则》的通知"
            intro = (
                f"各乡镇（街道）、市直各有关单位：为贯彻落实《{reg['title']}》，结合我市实际，"
                f"{dept.short_name}制定了《恩施市贯彻落实〈{name}〉实施细则》，现印发给你们，请认真遵照执行。"
            )
            level = DocLevel.NORMATIVE
        body = f"<p>{html.escape(intro)}</p>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
        year = day.year
        fields = dict(
            title=title,
            department=dept,
            topic=topic,
            genre="通知",
            doc_level=level,
            doc_number=f"{prefix}〔{year}〕{serial}号",
            written_date=working_days_before(day, RNG.randint(2, 12)),
            keywords=" ".join([*keywords[:2], "政策文件"]),
            body=body,
            summary=f"转发或印发与{name}相关的政策，明确本市贯彻落实要求。",
        )
        expired = RNG.random() < 0.12
        if expired:
            fields.update(
                validity="expired",
                expiry_date=day + datetime.timedelta(days=RNG.randint(120, 300)),
                validity_note="有效期届满自动失效",
            )
            if fields["expiry_date"] >= TODAY:
                fields.update(validity="valid", expiry_date=None, validity_note="")
        key = f"policy:{dept.pk}:{n}"
        plan.add(policy_col, day, key=key, **fields)
        policies.append((key, title, fields["doc_number"], lines, day, level))

    graphics = 0
    for key, title, doc_number, lines, day, level in policies:
        if level != DocLevel.NORMATIVE:
            continue
        doc_name = title.split("《", 1)[1].rsplit("》", 1)[0]
        main = [ln for ln in lines if ln.startswith("第")][:5] or lines[:5]
        phone = dept.phone or "0718-8222345"
        contact = f"{dept.name}，咨询电话：{phone}（工作日 8:30—12:00，14:30—17:30）。"
        body = (
            f"<h2>一、制定背景</h2><p>{html.escape(f'为贯彻落实上级有关规定，进一步规范本市相关工作，{dept.short_name}起草了《{doc_name}》（{doc_number}），经审查后印发实施。')}</p>"
            f"<h2>二、主要内容</h2>"
            + "".join(f"<p>{html.escape(ln)}</p>" for ln in main)
            + f"<h2>三、适用对象</h2><p>{html.escape('本市行政区域内的相关单位和个人。')}</p>"
            "<h2>四、施行时间</h2><p>自印发之日起施行。</p>"
            f"<h2>五、咨询方式</h2><p>{html.escape(contact)}</p>"
        )
        iday = day if RNG.random() < 0.8 else day + datetime.timedelta(days=RNG.randint(1, 5))
        plan.add(
            interp_col,
            min(iday, TODAY - datetime.timedelta(days=1)),
            policy_key=key,
            title=f"《{doc_name}》政策解读",
            department=dept,
            topic=topic,
            genre="解读",
            doc_level=DocLevel.OTHER,
            written_date=day,
            keywords="政策解读",
            body=body,
            summary=f"解读《{doc_name}》的背景、主要内容和适用对象。",
        )
        recent = (TODAY - day).days <= 150
        if (
            graphics == 0 or recent or RNG.random() < 0.35
        ):  # every 图解 column has one, the newest policy's too
            graphics += 1
            plan.add(
                graphic_col,
                min(iday, TODAY - datetime.timedelta(days=1)),
                policy_key=key,
                graphic=main[:4],
                title=f"一图读懂《{doc_name}》",
                department=dept,
                topic=topic,
                genre="图解",
                doc_level=DocLevel.OTHER,
                written_date=day,
                keywords="图解",
                body="",
                summary=f"以图解方式说明《{doc_name}》要点。",
            )

    year_subjects = subjects * 3
    notices = RNG.randint(4, 6)
    for i in range(notices):
        subject = year_subjects[i]
        day = recent_publish_day(120) if i == notices - 1 else random_publish_day()
        kind = RNG.choice(["开展", "做好", "公布", "公示"])
        if kind == "公示":
            title = f"关于{day.year}年度{subject}相关情况的公示"
            body = (
                f"根据有关规定，现将{day.year}年度{subject}相关情况予以公示。公示期为{day.year}年{day.month}月{day.day}日起5个工作日。"
                f"公示期间如有异议，请以书面形式向{dept.name}反映，联系电话：{dept.phone or '0718-8222345'}。"
            )
        elif kind == "公布":
            title = f"关于公布{day.year}年{subject}工作结果的公告"
            body = (
                f"{day.year}年以来，{dept.short_name}认真组织开展{subject}工作，现将有关结果公布如下。"
                f"一、总体情况。全市共完成相关工作任务，群众满意度明显提升。二、下一步工作。持续巩固提升工作成效。"
            )
        else:
            title = f"关于{kind}{day.year}年{subject}工作的通知"
            body = (
                f"各乡镇（街道）、市直各有关单位：为进一步做好{subject}工作，现就有关事项通知如下。"
                f"一、提高思想认识。各单位要充分认识{subject}工作的重要性，切实加强组织领导。"
                f"二、明确工作任务。按照职责分工，细化工作措施，确保各项任务按期完成。"
                f"三、强化督促检查。{dept.short_name}将适时开展督导检查，对工作不力的单位予以通报。"
            )
        serial += RNG.randint(1, 3)
        written = working_days_before(day, RNG.choice([1, 2, 3, 5, 8, 13, 24]))  # a few published late
        plan.add(
            notice_col,
            day,
            title=title,
            department=dept,
            topic=topic,
            genre=RNG.choice(["通知", "公告", "通告"]),
            doc_level=DocLevel.OTHER,
            doc_number=f"{prefix}〔{day.year}〕{serial}号" if kind != "公示" else "",
            written_date=written,
            keywords=subject,
            body=paragraphs(body.replace("。", "。\n")),
        )
    news = RNG.randint(4, 6)
    for i in range(news):
        subject = RNG.choice(subjects)
        kept_current = i == news - 1 and short not in IDLE_ON_PURPOSE
        day = recent_publish_day(9) if kept_current else random_publish_day()
        verb = RNG.choice(
            ["召开{}工作推进会", "开展{}专项检查", "部署{}工作", "扎实推进{}", "召开{}业务培训会"]
        )
        title = f"{dept.short_name}{verb.format(subject)}"
        body = (
            f"{day.month}月{day.day}日，{dept.short_name}{verb.format(subject)}。会议通报了近期{subject}工作进展，"
            f"分析了存在的问题，安排部署了下一阶段重点任务。\n会议强调，要坚持以人民为中心，"
            f"聚焦群众急难愁盼，把{subject}各项措施落到实处。\n局领导班子成员、各科室（单位）负责人参加。"
        )
        plan.add(
            news_col,
            day,
            title=title,
            department=dept,
            topic=topic,
            genre="动态",
            doc_level=DocLevel.OTHER,
            written_date=day,
            keywords=subject,
            body=paragraphs(body),
        )


def wrap_text(draw, text, font, width):
    """Lines of `text` no wider than `width` pixels, broken between characters (Chinese has no spaces), never cut."""
    lines, line = [], ""
    for ch in text:
        if ch == "\n":
            lines.append(line)
            line = ""
            continue
        if line and draw.textlength(line + ch, font=font) > width:
            lines.append(line)
            line = ch.lstrip()
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


def make_graphic(title, points):
    """A 图解 image drawn with the CJK font (nothing downloaded), stored as a Wagtail image. Every line is wrapped to
    the width it has and the image grows to hold it: the title keeps its 》 and no point is cut off."""
    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw, ImageFont
    from wagtail.images import get_image_model

    from gongkai.core.documents import cjk_font_path

    font_path = cjk_font_path()
    title_font = ImageFont.truetype(font_path, 34)
    text_font = ImageFont.truetype(font_path, 24)
    width, margin, title_lh, text_lh = 900, 40, 46, 34
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    title_lines = wrap_text(measure, title, title_font, width - 2 * margin)
    point_lines = [wrap_text(measure, p.replace("　", " "), text_font, width - 140 - 60) for p in points]
    header = 40 + title_lh * len(title_lines) + 24
    boxes = [max(130, 40 + text_lh * len(lines)) for lines in point_lines]
    height = header + 30 + sum(h + 20 for h in boxes) + 20
    image = Image.new("RGB", (width, height), (255, 250, 242))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, header], fill=(165, 17, 26))
    for k, line in enumerate(title_lines):
        draw.text((margin, 32 + k * title_lh), line, font=title_font, fill=(255, 255, 255))
    top = header + 30
    for i, (lines, box) in enumerate(zip(point_lines, boxes, strict=True)):
        draw.rounded_rectangle(
            [margin, top, width - margin, top + box],
            radius=16,
            outline=(165, 17, 26),
            width=3,
            fill=(255, 255, 255),
        )
        middle = top + box // 2
        draw.ellipse([60, middle - 30, 120, middle + 30], fill=(165, 17, 26))
        draw.text((90, middle), str(i + 1), font=text_font, fill=(255, 255, 255), anchor="mm")
        for k, line in enumerate(lines):
            draw.text((140, top + 20 + k * text_lh), line, font=text_font, fill=(31, 31, 31))
        top += box + 20
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    Image_ = get_image_model()
    img = Image_(title=title)
    img.file = ImageFile(io.BytesIO(out.getvalue()), name="tujie.png")
    img.save()
    return img


def import_published(column, published_on, publisher, fields, policies=()):
    """Create one item as published on `published_on` (history import): 索引号 in date order, publication record."""
    fields = dict(fields)
    validity = {k: fields.pop(k) for k in ("validity", "expiry_date", "validity_note") if k in fields}
    fields.setdefault("slug", f"t{published_on:%Y%m%d}_{RNG.randrange(16**6):06x}")
    page = GovInfoPage(
        live=True,
        has_unpublished_changes=False,
        owner=publisher,
        first_published_at=local_dt(published_on),
        last_published_at=local_dt(published_on),
        **fields,
    )
    if policies:
        page.policies = list(policies)
    column.add_child(instance=page)
    lift_none_yet(page)  # as a first publication does: the column's 本单位暂无 mark ends
    revision = page.save_revision(user=publisher, log_action=False, clean=False)
    index_no = next_index_no(page.department.code, published_on.year)
    # a new item is saved as a draft (models.GovInfoPage.save); history is imported as already published
    GovInfoPage.objects.filter(pk=page.pk).update(
        live=True,
        has_unpublished_changes=False,
        first_published_at=local_dt(published_on),
        last_published_at=local_dt(published_on),
        live_revision=revision,
        index_no=index_no,
        published_date=published_on,
        **validity,
    )
    page.live = True
    PublicationRecord.objects.create(
        page=page,
        revision=revision,
        published_at=local_dt(published_on),
        index_no=index_no,
        produced_by=f"{publisher.get_full_name() or publisher.username}（{publisher.username}）"
        if publisher
        else "信息员",
        kept_by=page.department.name,
        approvals=[{"step": "历史数据导入", "by": "政务公开办", "at": None, "comment": ""}],
        published_by="历史数据导入",
        scheduled=False,
    )
    audit.record(
        None, "disclosure.import_history", page, after={"索引号": index_no, "发布日期": published_on}
    )
    page.index_no = index_no
    return page


def load_laws_column(plan, office_catalog, topics):
    """上级文件: national laws in force, amended, superseded and repealed, as the 法律法规 column of the government
    office — each with the source's 发布机关, 公布日期 and 时效 (never guessed: the status is the source's)."""
    column = ColumnPage.objects.child_of(office_catalog).filter(slug="flfg").first()
    if column is None:
        column = setup._publish_new(
            office_catalog,
            ColumnPage(title="法律法规", slug="flfg", kind=ColumnKind.LAWS, update_cycle_days=180),
        )
    laws = load_laws()
    names = [law["law_name"] for law in laws]
    status_map = {"已废止": "repealed", "已被修改": "amended", "历史版本": "amended"}
    topic = topics["综合政务\\其他"]
    for law in laws:
        try:
            written = datetime.date.fromisoformat(law["publish_date"])
        except (TypeError, ValueError):
            continue
        title = law["law_name"]
        if (
            names.count(title) > 1
        ):  # a superseded version beside the one in force: its version date tells them apart
            title = f"{title}（{law['version_date'] or law['publish_date']}版）"
        day = random_publish_day()
        fields = dict(
            title=title,
            department=office_catalog.department,
            topic=topic,
            genre="法规",
            doc_level=DocLevel.OTHER,
            written_date=min(written, day),
            source=law["issuing_body"],
            keywords=law.get("law_department") or "法律",
            body=paragraphs("\n".join(f"{a['article_no']}　{a['text']}" for a in law["articles"])),
        )
        if law["status"] in status_map:
            fields.update(
                validity=status_map[law["status"]], validity_note=f"据国家法律法规数据库：{law['status']}"
            )
        plan.add(column, day, **fields)


def create_standard_entries(departments):
    if StandardCatalogEntry.objects.exists():
        return
    areas = {a.name: a for a in PilotArea.objects.all()}
    rows = [
        (
            "义务教育",
            "市教育局",
            "招生入学",
            "招生入学政策",
            "招生范围、招生计划、入学条件、报名方式、录取办法",
            "《中华人民共和国义务教育法》",
            20,
        ),
        (
            "义务教育",
            "市教育局",
            "学生资助",
            "资助政策及名单",
            "资助政策、资助标准、受助学生名单（隐去个人敏感信息）",
            "《学生资助资金管理办法》",
            10,
        ),
        (
            "社会保险",
            "市人社局",
            "社会保险参保",
            "参保政策",
            "参保范围、缴费标准、办理流程",
            "《中华人民共和国社会保险法》",
            20,
        ),
        (
            "就业",
            "市人社局",
            "就业创业",
            "就业补贴政策",
            "补贴对象、补贴标准、申请材料、办理流程",
            "《中华人民共和国就业促进法》",
            20,
        ),
        (
            "社会救助",
            "市民政局",
            "最低生活保障",
            "低保政策及对象",
            "政策依据、申请条件、保障标准、保障对象名单",
            "《社会救助暂行办法》",
            10,
        ),
        (
            "养老服务",
            "市民政局",
            "养老服务补贴",
            "补贴政策",
            "补贴对象、标准、申请流程",
            "《养老机构管理办法》",
            20,
        ),
        (
            "保障性住房",
            "市住房保障中心",
            "公租房分配",
            "分配结果",
            "房源信息、申请条件、分配结果",
            "《公共租赁住房管理办法》",
            20,
        ),
        (
            "卫生健康",
            "市卫健局",
            "基本公共卫生服务",
            "服务项目",
            "服务项目、服务对象、服务机构",
            "《中华人民共和国基本医疗卫生与健康促进法》",
            20,
        ),
        (
            "财政预决算",
            "市财政局",
            "预决算公开",
            "部门预决算",
            "预算、决算报表及说明",
            "《中华人民共和国预算法》",
            20,
        ),
        (
            "安全生产",
            "市应急管理局",
            "行政处罚",
            "处罚决定",
            "处罚对象、违法事实、处罚依据、处罚结果",
            "《中华人民共和国安全生产法》",
            7,
        ),
        (
            "涉农补贴",
            "市农业农村局",
            "耕地地力保护补贴",
            "补贴发放",
            "补贴政策、补贴标准、发放结果",
            "《农业相关转移支付资金管理办法》",
            20,
        ),
        (
            "城市综合执法",
            "市城管执法局",
            "行政处罚",
            "处罚结果",
            "处罚对象、违法事实、处罚结果",
            "《中华人民共和国行政处罚法》",
            7,
        ),
    ]
    by_short = {d.short_name: d for d in departments}
    for i, (area, short, l1, l2, content, basis, days) in enumerate(rows, start=1):
        dept = by_short.get(short)
        StandardCatalogEntry.objects.create(
            area=areas[area],
            department=dept,
            subject_text=dept.name if dept else short,
            item_l1=l1,
            item_l2=l2,
            content=content,
            basis=basis,
            time_limit_days=days,
            time_limit_text=f"信息形成或者变更之日起{days}个工作日内",
            channels=["website", "newmedia", "notice_board"],
            level_town=area in ("社会救助", "涉农补贴"),
            sort_order=i,
        )


def leave_drafts(users, topics):
    """Drafts waiting at each review step, for the demo accounts of 市教育局 and 市人社局."""
    from wagtail.models import Page

    for dept_short, prefix in (("市教育局", "jyj"), ("市人社局", "rsj")):
        editor = users.get(f"{prefix}_editor")
        if editor is None:
            continue
        dept = Department.objects.get(short_name=dept_short)
        catalog = DepartmentCatalogPage.objects.get(department=dept)
        notice_col = setup.column(catalog, "fdzdgknr", "tzgg")
        topic = topics[PROFILES[dept_short][0]]
        steps = [
            ("关于做好2027年元旦春节期间{}工作的通知", 0, None),
            ("关于公布2026年度{}考核结果的通告", 1, None),
            ("关于开展2026年冬季{}专项行动的通知", 2, None),
            (
                "关于{}有关事项的公示（含个人信息，待修改）",
                0,
                "<p>经审核，拟对以下人员予以公示：王小红，身份证号422801198503150024，联系电话13907181234。</p>",
            ),
            ("关于调整{}办理时间的公告", "rejected", None),
        ]
        subject = PROFILES[dept_short][2][0]
        for title_tpl, stage, body in steps:
            title = title_tpl.format(subject)
            if GovInfoPage.objects.filter(title=title, department=dept).exists():
                continue
            page = GovInfoPage(
                title=title,
                department=dept,
                topic=topic,
                genre="通知",
                written_date=TODAY,
                doc_number="",
                live=False,
                owner=editor,
                body=body
                or paragraphs(
                    f"各有关单位：为做好{subject}工作，现将有关事项通知如下。\n"
                    f"一、高度重视，加强领导。\n二、明确责任，狠抓落实。"
                ),
            )
            notice_col.add_child(instance=page)
            page.save_revision(user=editor)
            page = Page.objects.get(pk=page.pk).specific
            page.get_workflow().start(page, editor)
            reviewers = [
                users.get(f"{prefix}_chushen"),
                users.get(f"{prefix}_baomi"),
                users.get(f"{prefix}_leader"),
            ]
            if stage == "rejected":
                page = GovInfoPage.objects.get(pk=page.pk)
                state = page.current_workflow_task_state.specific
                state.task.specific.on_action(
                    state, reviewers[0], "reject", comment="请补充办理时间调整的依据后重新报送。"
                )
                continue
            for reviewer in reviewers[:stage]:
                page = GovInfoPage.objects.get(pk=page.pk)
                state = page.current_workflow_task_state.specific
                state.task.specific.on_action(state, reviewer, "approve", comment="")


def publish_through_workflow(users, topics):
    """Two items published today through the full three-step review, so the record shows real approvals."""
    from wagtail.models import Page

    dept = Department.objects.get(short_name="市教育局")
    catalog = DepartmentCatalogPage.objects.get(department=dept)
    column = setup.column(catalog, "fdzdgknr", "gzdt")
    editor = users.get("jyj_editor")
    if editor is None:
        return
    for title in ("市教育局召开2026年冬季校园安全工作部署会", "市教育局开展课后服务质量专项督导"):
        if GovInfoPage.objects.filter(title=title).exists():
            continue
        page = GovInfoPage(
            title=title,
            department=dept,
            topic=topics["科技、教育\\教育"],
            genre="动态",
            written_date=TODAY,
            live=False,
            owner=editor,
            body=paragraphs(
                f"{TODAY.month}月{TODAY.day}日，{title.removeprefix('市教育局')}。\n"
                "会议要求各校压实安全责任，排查整治隐患，确保师生平安。"
            ),
        )
        column.add_child(instance=page)
        page.save_revision(user=editor)
        page = Page.objects.get(pk=page.pk).specific
        page.get_workflow().start(page, editor)
        for username in ("jyj_chushen", "jyj_baomi", "jyj_leader"):
            page = GovInfoPage.objects.get(pk=page.pk)
            state = page.current_workflow_task_state.specific
            state.task.specific.on_action(state, users[username], "approve", comment="同意")


def annual_report_text(dept, year, published, on_request):
    """A department's annual report (Art. 49–50) in the six parts of the national format."""
    granted = on_request - (refused := RNG.randint(0, on_request // 3)) - (missing := RNG.randint(0, 2))
    return paragraphs(f"""一、总体情况。{year}年，{dept.name}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，主动公开、依申请公开、政策解读和平台建设等各项工作有序推进。
二、主动公开政府信息情况。全年通过恩施市人民政府门户网站主动公开政府信息{published}条，其中政策文件{RNG.randint(1, 4)}件、通知公告{RNG.randint(4, 12)}条、工作动态{RNG.randint(5, 20)}条，均在信息形成或者变更之日起20个工作日内公开。
三、收到和处理政府信息公开申请情况。全年收到政府信息公开申请{on_request}件，均在法定期限内答复，其中予以公开{max(granted, 0)}件，不予公开{refused}件，本机关不掌握相关政府信息{missing}件。
四、政府信息公开行政复议、行政诉讼情况。全年未发生因政府信息公开引起的行政复议、行政诉讼。
五、存在的主要问题及改进情况。政策解读的形式还不够丰富，部分栏目更新不够及时。下一步将增加图解等解读形式，落实栏目更新责任。
六、其他需要报告的事项。本年度未收取信息处理费。""")


def plan_standing(plan, dept, catalog, topics):
    """Last year's 年报 in every department's catalog; 指南, 制度 and 依申请公开 are generated from the office's
    templates (disclosure/standard_columns.py; the city office's own 指南 template in install_templates)."""
    topic = topics["综合政务\\政务公开"]
    common = dict(department=dept, topic=topic, doc_level=DocLevel.OTHER)
    for year in (
        2024,
    ):  # 2025's come through the annual-report module's workflow (demo/assessment/annual.py)
        published = datetime.date(year + 1, 1, 24)  # before 31 January (Art. 49)
        if published >= TODAY:
            continue
        plan.add(
            setup.column(catalog, "gknb"),
            published,
            title=f"{dept.name}{year}年政府信息公开工作年度报告",
            genre="报告",
            written_date=datetime.date(year + 1, 1, 20),
            keywords="政府信息公开 年度报告",
            body=annual_report_text(dept, year, RNG.randint(12, 60), RNG.randint(0, 9)),
            **common,
        )


def plan_report_notice(plan, office, catalog, topics):
    """The government office's notice on studying this year's Government Work Report, quoting it (real text)."""
    report = next((r for r in load_reports() if r["year"] == "2025"), None)
    if report is None:
        return
    quoted = [
        p for p in report["paragraphs"] if len(p) > 60 and not p.startswith(("各位代表", "一、", "二、"))
    ][2:8]
    intro = (
        "各乡镇人民政府、街道办事处，市政府各部门：2025年3月5日，国务院总理在十四届全国人大三次会议上作政府工作报告。"
        "为认真学习贯彻报告精神，现将有关事项通知如下。"
    )
    plan.add(
        setup.column(catalog, "fdzdgknr", "tzgg"),
        datetime.date(2025, 3, 12),
        title="恩施市人民政府办公室关于认真学习贯彻2025年国务院《政府工作报告》精神的通知",
        department=office,
        topic=topics["综合政务\\政务公开"],
        genre="通知",
        doc_level=DocLevel.OTHER,
        written_date=datetime.date(2025, 3, 10),
        keywords="政府工作报告 学习贯彻",
        body=f"<p>{html.escape(intro)}</p><p>报告指出：</p>"
        + "".join(f"<blockquote><p>{html.escape(p)}</p></blockquote>" for p in quoted)
        + "<p>各单位要把学习贯彻报告精神与本地本部门工作结合起来，细化年度目标任务，确保各项部署落到实处。</p>"
        f'<p>（引文见<a href="{html.escape(report["url"])}">{html.escape(report["title"])}</a>）</p>',
    )


def publish_history(departments, catalogs, publisher, topics, laws_catalog=None):
    """Plan and import the published history of these departments: every column of each catalog filled, index
    numbers in date order; with laws_catalog also the 法律法规 column and the Government Work Report notice.
    Used by this module for the city site and by town.py for the second site."""
    global TODAY
    TODAY = TODAY or timezone.localdate()
    from gongkai.disclosure.related import update_related

    plan = Plan()
    regulations = load_regulations()
    used = set()
    for dept in departments:
        plan_department(plan, dept, catalogs[dept.pk], regulations, used, topics)
        plan_standing(plan, dept, catalogs[dept.pk], topics)
    if laws_catalog is not None:
        load_laws_column(plan, laws_catalog, topics)
        plan_report_notice(plan, laws_catalog.department, laws_catalog, topics)
    created = {}
    pks = []
    with transaction.atomic():
        # a 解读/图解 after the policy it interprets, also on the same day (《…》 sorts before 恩施市…)
        in_order = sorted(plan.items, key=lambda it: (it[0], "policy_key" in it[2], it[2]["title"]))
        for published_on, column, fields in in_order:
            fields = dict(fields)
            key = fields.pop("key", None)
            policy_key = fields.pop("policy_key", None)
            points = fields.pop("graphic", None)
            if points is not None:
                image = make_graphic(fields["title"], points)
                fields["body"] = (
                    f'<p>{html.escape(fields["summary"])}</p><embed embedtype="image" '
                    f'format="fullwidth" id="{image.pk}" alt="{html.escape(fields["title"])}"/>'
                    + "".join(f"<p>{i + 1}. {html.escape(p)}</p>" for i, p in enumerate(points))
                )
            policies = [created[policy_key]] if policy_key in created else []
            page = import_published(column, published_on, publisher, fields, policies)
            pks.append(page.pk)
            if key:
                created[key] = page
    for pk in pks:
        update_related(pk, refresh_neighbours=False)
    return len(pks)


#: the city office's own 指南 template (it edits it in 政务公开 → 标准栏目模板; placeholders: standard_columns.py)
CITY_GUIDE_TEMPLATE = """<p>为保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》，{部门名称}编制本指南。本指南每年更新，公开在“政府信息公开指南”栏目。</p>
<h2>一、主动公开</h2><p>{部门名称}主动公开的政府信息，通过{站点名称}门户网站“政府信息公开”专栏、“恩施市人民政府”政务新媒体和市档案馆、市图书馆、市政务服务中心的政府信息公开查阅点公开，并在信息形成或者变更之日起20个工作日内予以公开。</p>
<h2>二、依申请公开</h2><p>公民、法人或者其他组织可以通过网站{申请链接}、当面申请、信函申请等方式向本机关申请获取政府信息，并可{查询链接}。能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日。</p>
<h2>三、收费</h2><p>依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，依照《政府信息公开信息处理费管理办法》收取信息处理费。</p>
<h2>四、监督和救济</h2><p>认为本机关在政府信息公开工作中侵犯其合法权益的，可以向恩施市人民政府政务公开办公室投诉、举报（电话 0718-8222345），也可以依法申请行政复议或者提起行政诉讼。</p>
<h2>五、联系方式</h2><p>办公地址：{办公地址}；咨询电话：{咨询电话}；办公时间：工作日上午8:30—12:00，下午14:30—17:30。</p>"""


def install_templates(site, office_user):
    """The city office's 指南 template, saved through the office's action (regenerating every 指南 of the site);
    制度 and 依申请公开 keep the built-in templates. Idempotent."""
    from gongkai.disclosure import actions
    from gongkai.disclosure.models import ColumnTemplate

    if office_user is None or ColumnTemplate.objects.filter(site=site, kind=ColumnKind.GUIDE).exists():
        return
    actions.save_column_template(office_user, site, ColumnKind.GUIDE, CITY_GUIDE_TEMPLATE)


#: the standard-catalog entries (create_standard_entries) and the subject of the demo's notices and news that
#: fulfil them, by department (PROFILES): the items are linked through their 对应标准目录事项
ENTRY_SUBJECTS = {
    ("市教育局", "招生入学"): "义务教育招生",
    ("市教育局", "学生资助"): "学生资助",
    ("市人社局", "社会保险参保"): "社会保险费征缴",
    ("市人社局", "就业创业"): "稳就业",
    ("市民政局", "最低生活保障"): "最低生活保障",
    ("市民政局", "养老服务补贴"): "养老服务补贴",
    ("市住房保障中心", "公租房分配"): "公租房分配",
    ("市卫健局", "基本公共卫生服务"): "家庭医生签约",
    ("市财政局", "预决算公开"): "预算公开",
    ("市应急管理局", "行政处罚"): "安全生产大检查",
    ("市农业农村局", "耕地地力保护补贴"): "耕地地力保护补贴",
    ("市城管执法局", "行政处罚"): "违法建设治理",
}


def link_standard_entries():
    """对应标准目录事项 of the demo's notices and news on the entries' subjects (idempotent: only unlinked items)."""
    linked = 0
    for entry in StandardCatalogEntry.objects.select_related("department"):
        subject = ENTRY_SUBJECTS.get((entry.department.short_name if entry.department else "", entry.item_l1))
        if subject is None:
            continue
        linked += GovInfoPage.objects.filter(
            department=entry.department,
            keywords=subject,
            column_kind__in=[ColumnKind.NOTICE, ColumnKind.NEWS],
            catalog_entry__isnull=True,
        ).update(catalog_entry=entry)
    return linked


def link_interpretations():
    """Each 解读/图解 linked to the policy it interprets (所解读的政策文件, shown both ways), for databases loaded before
    the import kept them in order: the policy of the same department whose title names the document. Idempotent."""
    Link = GovInfoPage.policies.through
    linked = 0
    unlinked = GovInfoPage.objects.filter(
        genre__in=["解读", "图解"], policies__isnull=True, title__contains="《"
    )
    for page in unlinked.only("pk", "title", "department_id"):
        name = page.title.split("《", 1)[1].rsplit("》", 1)[0]
        policy = (
            GovInfoPage.objects.filter(
                department_id=page.department_id, column_kind=ColumnKind.POLICY, title__contains=f"《{name}》"
            )
            .order_by("pk")
            .first()
        )
        if policy is not None:
            Link.objects.get_or_create(from_govinfopage_id=page.pk, to_govinfopage_id=policy.pk)
            linked += 1
    return linked


def load(stdout):
    global TODAY
    TODAY = timezone.localdate()
    home = ensure_home()
    root = setup.ensure_root(home)
    workflow = setup.ensure_default_workflow()
    # the departments of this (the default) site; another site's catalog hangs under its own home (集约化)
    departments = list(departments_of_site(home.get_site()).filter(active=True).order_by("sort_order"))
    catalogs = {}
    for dept in departments:
        catalogs[dept.pk] = setup.ensure_department_catalog(root, dept, workflow=workflow)
    create_standard_entries(departments)
    topics = {str(t): t for t in Topic.objects.select_related("parent")}
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(is_staff=True)}

    if not GovInfoPage.objects.filter(index_no__gt="", department__in=departments).exists():
        office = next(d for d in departments if d.short_name == "市政府办")
        publish_history(departments, catalogs, users.get("gkb"), topics, laws_catalog=catalogs[office.pk])
    install_templates(home.get_site(), users.get("gkb"))
    linked = link_standard_entries()
    link_interpretations()
    leave_drafts(users, topics)
    publish_through_workflow(users, topics)
    total = GovInfoPage.objects.live().count()
    stdout.write(
        f"  部门目录 {len(catalogs)} 个，已发布政府信息 {total} 条，"
        f"待审稿件 {GovInfoPage.objects.filter(live=False).count()} 条，标准目录事项关联信息 {linked} 条"
    )
