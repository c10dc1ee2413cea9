"""Demo 主题服务: 14 themes, 1,700+ service items of the 33 city departments with reform records, the four
放管服 lists, Q&A, data tables and one illustrated step-by-step guide per theme (pictures drawn with Pillow).

Idempotent: everything is keyed (theme slug, item code, question text, guide title); a second run adds nothing.
Fast: items, reforms and theme links go in with bulk_create.
"""

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, roles
from gongkai.demo.services_data import (
    BASES,
    COERCION_PATTERN,
    DEPARTMENT_ITEMS,
    INSPECTION_PATTERN,
    MATERIALS,
    PENALTY_PATTERNS,
    PERSONAL_MATERIALS,
    THEME_KEYWORDS,
    THEME_TOPICS,
    THEMES,
    VARIANTS,
)
from gongkai.org.models import Department
from gongkai.services.models import (
    CatalogVersion,
    DataTable,
    Guide,
    GuideStep,
    ItemStatus,
    Level,
    ListType,
    PowerKind,
    Question,
    ReformKind,
    ReformRecord,
    ServiceItem,
    Theme,
)
from gongkai.services.rules import refresh_derived, theme_mask, veto_check

REGION = "422801000000"
KIND_CODES = {
    PowerKind.LICENSE: "01",
    PowerKind.PENALTY: "02",
    PowerKind.INSPECTION: "06",
    PowerKind.COERCION: "03",
    PowerKind.CONFIRMATION: "07",
    PowerKind.PAYMENT: "05",
    PowerKind.OTHER: "10",
    "public": "20",
    "intermediary": "30",
}
LEVEL_DIGIT = {Level.CITY: "3", Level.TOWN: "4", Level.VILLAGE: "5"}


def implementation_code(dept, kind_code, seq, level=Level.CITY):
    """A GB/T 39554.1-shaped 实施编码: 基本编码 – 12-digit 区划代码 – 000 – USCC of the implementing body –
    行使层级 – 版本 (research/cn-gov-web-standards.md §9)."""
    basic = f"{kind_code}{dept.sort_order:02d}{seq:04d}"
    return f"{basic}-{REGION}-000-{dept.code}-{LEVEL_DIGIT[level]}-00"


def _other_kind(name):
    if "补贴" in name or "补助" in name or "发放" in name or "救助" in name or "抚恤" in name:
        return PowerKind.PAYMENT
    if "认定" in name or "登记" in name or "确认" in name or "评定" in name or "注册" in name:
        return PowerKind.CONFIRMATION
    return PowerKind.OTHER


def item_specs():
    """(department name, list type, power kind, name) for every demo item, in a stable order."""
    for dept_name, (licences, others, activities, public, intermediary) in DEPARTMENT_ITEMS.items():
        for template in licences.split(";"):
            for variant in VARIANTS:
                yield dept_name, ListType.POWER, PowerKind.LICENSE, f"{template.format(v='')}（{variant}）"
        for name in others.split(";"):
            yield dept_name, ListType.POWER, _other_kind(name), name
        for activity in activities.split(";"):
            for pattern in PENALTY_PATTERNS:
                yield dept_name, ListType.POWER, PowerKind.PENALTY, pattern.format(a=activity)
            yield dept_name, ListType.POWER, PowerKind.INSPECTION, INSPECTION_PATTERN.format(a=activity)
            yield dept_name, ListType.POWER, PowerKind.COERCION, COERCION_PATTERN.format(a=activity)
        for name in public.split(";"):
            yield dept_name, ListType.PUBLIC, "", name
            # the same service at the counters of the towns, delegated by the department (放权限)
            yield dept_name, ListType.VISITS, "", f"{name}（乡镇便民服务中心代办）"
        for name in intermediary.split(";"):
            yield dept_name, ListType.INTERMEDIARY, "", name


def _build_item(rng, dept, list_type, power_kind, name, seq, themes_for_dept):
    kind_code = KIND_CODES.get(power_kind or list_type, "10")
    level = Level.TOWN if "乡镇便民服务中心" in name else Level.CITY
    personal = list_type in (ListType.PUBLIC, ListType.VISITS) or power_kind == PowerKind.PAYMENT
    pool = PERSONAL_MATERIALS if personal else MATERIALS
    materials = rng.sample(pool, rng.randint(3, min(6, len(pool))))
    legal = (
        rng.choice([20, 20, 15, 10, 30, 60])
        if power_kind in (PowerKind.LICENSE, PowerKind.CONFIRMATION)
        else None
    )
    promised = None
    if legal:
        promised = rng.choice([0, 1, 3, 5, max(1, legal // 2)])
    elif list_type in (ListType.PUBLIC, ListType.VISITS):
        promised = rng.choice([0, 0, 1, 3])
    visits = rng.choices([0, 1, 2], weights=[35, 52, 13])[0]
    online = visits == 0 or rng.random() < 0.45
    short = dept.short_name or dept.name
    item = ServiceItem(
        department=dept,
        code=implementation_code(dept, kind_code, seq, level),
        list_type=list_type,
        power_kind=power_kind,
        level=level,
        name=name,
        basis=rng.choice(BASES),
        conditions=f"符合{name}有关法律法规规定的条件；申请人对申请材料的真实性负责。",
        materials="\n".join(materials),
        location=(
            "恩施市民之家（恩施市金桂大道 88 号）一楼综合窗口"
            if level == Level.CITY
            else "各乡镇（街道）便民服务中心综合窗口"
        ),
        agency=dept.name,
        fee=rng.choice(["不收费", "不收费", "不收费", "按省物价部门核定标准收取工本费 10 元"]),
        hours="工作日 上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）",
        phone=dept.phone or "0718-8222345",
        process="申请\n受理\n审查\n决定\n送达",
        legal_limit_days=legal,
        promised_limit_days=promised,
        visits=visits,
        onsite_visits=min(visits, 1) if visits else 0,
        online_url="https://zwfw.hubei.gov.cn/" if online else "",
        service_object=rng.choice(["自然人", "法人", "自然人、法人"]) if list_type == ListType.PUBLIC else "",
        accountability=(
            f"{short}工作人员不依法履行职责、滥用职权、玩忽职守的，依法追究责任。"
            if list_type == ListType.POWER
            else ""
        ),
        intermediary_agency="具备相应资质的第三方机构（申请人自主选择）"
        if list_type == ListType.INTERMEDIARY
        else "",
    )
    # some guides are incomplete, as in any real catalog: a few miss 1–3 elements, a handful miss 4 or more
    roll = rng.random()
    if roll < 0.04:
        for field in rng.sample(["basis", "hours", "phone", "fee"], rng.randint(1, 3)):
            setattr(item, field, "")
    elif roll < 0.05:
        for field in ["basis", "conditions", "hours", "phone", "process"]:
            setattr(item, field, "")
    themes = [t for t in themes_for_dept if rng.random() < 0.7 or list_type == ListType.PUBLIC]
    return item, themes


def _reforms_for(rng, item):
    """Plausible 清减降放 records dated between 2019 and 2026."""
    out = []

    def when():
        return date(2019, 3, 1) + timedelta(days=rng.randint(0, 7 * 365 + 200))

    if rng.random() < 0.38:
        before = item.materials.count("\n") + 1 + rng.randint(1, 5)
        out.append(
            ReformRecord(
                item=item,
                kind=ReformKind.MATERIALS,
                effective_on=when(),
                description="通过数据共享免于提交，实行告知承诺制",
                materials_before=before,
                materials_after=item.materials.count("\n") + 1,
            )
        )
    if "工本费" in item.fee or rng.random() < 0.06:
        fee_before = Decimal(rng.choice(["20.00", "50.00", "100.00", "200.00"]))
        out.append(
            ReformRecord(
                item=item,
                kind=ReformKind.FEES,
                effective_on=when(),
                description="落实减税降费政策",
                fee_before=fee_before,
                fee_after=Decimal("10.00") if "工本费" in item.fee else Decimal("0"),
            )
        )
    if item.level == Level.TOWN:
        out.append(
            ReformRecord(
                item=item,
                kind=ReformKind.DELEGATION,
                effective_on=when(),
                description="下放至乡镇（街道）便民服务中心办理",
                delegated_to=Level.TOWN,
            )
        )
    if rng.random() < 0.12:
        year = rng.randint(2008, 2018)
        out.append(
            ReformRecord(
                item=item,
                kind=ReformKind.DOCUMENTS,
                effective_on=when(),
                description="清理与上位法不一致的规范性文件",
                documents_cleared=f"恩施市人民政府关于加强{item.name[:8]}管理的通知（恩施市政发〔{year}〕{rng.randint(3, 40)}号）",
            )
        )
    return out


def load_themes():
    created = 0
    for order, (name, slug, summary, _) in enumerate(THEMES, start=1):
        keywords = "、".join(THEME_KEYWORDS.get(slug, []))
        topics = "、".join(THEME_TOPICS.get(slug, []))
        theme, new = Theme.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "summary": summary,
                "sort_order": order,
                "keywords": keywords,
                "topics": topics,
            },
        )
        if not new and not theme.keywords and keywords:  # a database loaded before themes had keywords
            Theme.objects.filter(pk=theme.pk).update(keywords=keywords)
        if not new and not theme.topics and topics:  # … or topics
            Theme.objects.filter(pk=theme.pk).update(topics=topics)
        created += new
    return created


POLICIES_PER_THEME = 10


def link_policies():
    """政策文件 of each theme: its suggestions by 主题分类 (Theme.suggested_policies — the items' topic metadata,
    never a word in their title), which offices curate afterwards in the theme's editor. A theme that already has
    policies is left alone (idempotent)."""
    from gongkai.services.models import ThemePolicy

    linked = 0
    for theme in Theme.objects.filter(active=True):
        if ThemePolicy.objects.filter(theme=theme).exists():
            continue
        pages = theme.suggested_policies(limit=POLICIES_PER_THEME)
        ThemePolicy.objects.bulk_create(
            [ThemePolicy(theme=theme, page_id=page.pk, sort_order=i) for i, page in enumerate(pages)]
        )
        linked += len(pages)
    return linked


def load_items():
    if ServiceItem.objects.exists():
        return 0, 0
    rng = random.Random(20261127)  # noqa: S311 — demo data, not security
    departments = {d.name: d for d in Department.objects.filter(name__in=DEPARTMENT_ITEMS)}
    themes_by_slug = {t.slug: t for t in Theme.objects.all()}
    themes_of_dept = {}
    for _, slug, _, dept_names in THEMES:
        for dept_name in dept_names:
            themes_of_dept.setdefault(dept_name, []).append(themes_by_slug[slug])
    now = timezone.now()
    items, theme_links, reforms = [], [], []
    seq = {}
    for dept_name, list_type, power_kind, name in item_specs():
        dept = departments.get(dept_name)
        if dept is None:
            continue
        kind_key = power_kind or list_type
        seq[(dept_name, kind_key)] = seq.get((dept_name, kind_key), 0) + 1
        item, themes = _build_item(
            rng,
            dept,
            list_type,
            power_kind,
            name,
            seq[(dept_name, kind_key)],
            themes_of_dept.get(dept_name, []),
        )
        item_reforms = _reforms_for(rng, item)
        refresh_derived(item, reforms=item_reforms)
        item.theme_mask = theme_mask(themes)
        if veto_check(item).publishable:
            item.status = ItemStatus.PUBLISHED
            item.published_at = now - timedelta(days=rng.randint(1, 600))
        items.append(item)
        theme_links.append(themes)
        reforms.append(item_reforms)
    ServiceItem.objects.bulk_create(items, batch_size=500)
    through = ServiceItem.themes.through
    through.objects.bulk_create(
        [
            through(serviceitem_id=item.pk, theme_id=t.pk)
            for item, ts in zip(items, theme_links, strict=True)
            for t in ts
        ],
        batch_size=1000,
    )
    records = []
    for item, item_reforms in zip(items, reforms, strict=True):
        for order, record in enumerate(item_reforms):
            record.item_id = item.pk
            record.sort_order = order
            records.append(record)
    ReformRecord.objects.bulk_create(records, batch_size=1000)
    CatalogVersion.bump()  # bulk inserts send no signals: the facet index must rebuild
    return len(items), len(records)


QUESTIONS = {
    "jiaoyu": [
        (
            "孩子今年满 6 周岁，义务教育入学怎么报名？",
            "每年 7 月在“恩施市义务教育招生平台”网上报名，按户籍和实际居住地划片入学。需准备户口簿、不动产权证或租赁备案证明。报名结果在 8 月中旬公布。",
        ),
        (
            "家庭经济困难学生可以申请哪些资助？",
            "学前教育、义务教育、普通高中和中职学生均可按规定申请资助。向就读学校提出申请，学校评议公示后报市学生资助管理中心审核。",
        ),
        (
            "教师资格认定需要体检吗？",
            "需要。申请人须在指定的县级以上医院按《湖北省教师资格申请人员体检标准》体检，体检结论在认定时提交。",
        ),
    ],
    "shebao": [
        (
            "灵活就业人员怎样参加养老保险？",
            "持身份证到市人社局社保窗口或通过“鄂汇办”App办理参保登记，按当年缴费基数档次自主选择缴费。",
        ),
        (
            "社保卡丢了怎么补办？",
            "先拨打 12333 或在“鄂汇办”App挂失，再到合作银行网点或社保窗口补卡，补卡工本费已取消。",
        ),
        (
            "养老保险关系跨省怎么转移？",
            "在新参保地提出转入申请即可，无需回原参保地，转移进度可在国家社会保险公共服务平台查询。",
        ),
    ],
    "zhufang": [
        (
            "提取住房公积金还房贷需要哪些材料？",
            "身份证、借款合同和还款明细。已签订委托扣划协议的，可按月自动提取，不需再跑窗口。",
        ),
        (
            "公租房申请条件是什么？",
            "本市城镇户籍或稳定就业的外来务工人员，家庭人均收入和住房面积低于公布标准，且家庭成员在本市无其他住房。",
        ),
    ],
    "yiliao": [
        (
            "异地就医怎么备案？",
            "可通过国家医保服务平台 App、“鄂汇办”App或医保窗口备案，备案后在就医地定点医疗机构直接结算。",
        ),
        (
            "门诊慢特病怎么申请？",
            "携带病历、检查报告到定点医院医保办或医保窗口申请，经评审认定后享受门诊慢特病待遇。",
        ),
    ],
    "jiuye": [
        (
            "创业担保贷款最多能贷多少？",
            "个人最高 30 万元，小微企业最高 400 万元，符合条件的给予贴息。向市就业局或合作银行申请。",
        ),
        (
            "失业了怎么领失业保险金？",
            "失业前用人单位和本人已缴纳失业保险满一年、非因本人意愿中断就业，并已办理失业登记的，可在“鄂汇办”App或人社窗口申领。",
        ),
    ],
    "yanglao": [
        (
            "高龄津贴怎么领取？",
            "80 周岁以上老年人持身份证、户口簿向户籍所在社区（村）申请，审核后按月发放到社保卡。",
        ),
        (
            "开办养老机构需要审批吗？",
            "不需要许可，实行备案管理。在民政部门办理备案，并符合消防、食品安全等要求。",
        ),
    ],
    "jiuzhu": [
        (
            "低保怎么申请？",
            "向户籍所在地乡镇（街道）提出书面申请，也可由村（社区）代为申请。经家庭经济状况核查、民主评议和公示后审批。",
        ),
        (
            "遇到突发困难可以申请临时救助吗？",
            "可以。因火灾、交通事故、重大疾病等导致基本生活暂时困难的，可向乡镇（街道）申请，急难情形可先行救助。",
        ),
    ],
    "hunyu": [
        (
            "结婚登记需要带什么材料？",
            "双方户口簿、身份证和近期半身免冠合影照片三张。全省已实行婚姻登记“跨省通办”试点，可在一方常住地办理。",
        ),
        (
            "生育登记在哪里办理？",
            "夫妻任一方户籍地或现居住地均可，可在“鄂汇办”App网上登记，无需提交证明材料。",
        ),
    ],
    "huji": [
        (
            "新生儿怎么上户口？",
            "持出生医学证明、父母户口簿和身份证、结婚证到派出所办理，也可“出生一件事”联办。",
        ),
        ("身份证快到期了怎么换领？", "有效期满前三个月内，可到任一派出所户籍窗口换领，省内异地也可办理。"),
    ],
    "jiaotong": [
        (
            "驾驶证到期换证可以网上办吗？",
            "可以。通过“交管12123”App申请，提交体检信息后邮寄新证，不需到车管所。",
        ),
        ("网约车驾驶员证怎么办理？", "向市交通运输局提出申请，参加全国公共科目和区域科目考试合格后核发。"),
    ],
    "canji": [
        (
            "残疾人证怎么办理？",
            "持身份证、户口簿和照片到市残联申请，到指定医院进行残疾评定，审核后核发第三代智能化残疾人证。",
        ),
        (
            "残疾人两项补贴标准是多少？",
            "困难残疾人生活补贴和重度残疾人护理补贴按省定标准按月发放，具体标准见民政局公告。",
        ),
    ],
    "tuiyi": [
        (
            "退役军人优待证怎么申领？",
            "通过“退役军人之家”小程序或村（社区）退役军人服务站申请，审核后制证发放。",
        ),
        ("自主就业退役士兵有哪些补助？", "发放一次性经济补助，并可享受免费职业技能培训和创业扶持政策。"),
    ],
    "shenong": [
        (
            "农机购置补贴怎么申请？",
            "购机后在“湖北省农机购置补贴辅助管理系统”填报，或到乡镇农业服务中心申请，核验后补贴资金直接打卡。",
        ),
        (
            "耕地地力保护补贴发到哪里？",
            "通过“一卡通”直接发放到农户社保卡或惠农补贴专用账户，可在“惠农补贴查询”中查询。",
        ),
    ],
    "qiye": [
        (
            "开办一家公司要多长时间？",
            "企业开办“一网通办”，营业执照、公章刻制、税务登记、社保登记一次提交，1 个工作日内办结，全程免费。",
        ),
        (
            "个体工商户年报什么时候报？",
            "每年 1 月 1 日至 6 月 30 日，通过国家企业信用信息公示系统报送上一年度年报。",
        ),
    ],
}

TABLES = [
    (
        "jiaoyu",
        "恩施市教育局",
        "2026 年秋季城区义务教育学校招生计划",
        "学校、学段、计划班数、计划人数、咨询电话",
        [
            ("恩施市实验小学", "小学一年级", "8", "360", "0718-8224561"),
            ("恩施市第一小学", "小学一年级", "6", "270", "0718-8223302"),
            ("恩施市东风大道小学", "小学一年级", "6", "270", "0718-8255120"),
            ("恩施市英才学校", "小学一年级", "4", "180", "0718-8290031"),
            ("恩施市第二中学", "初中一年级", "12", "600", "0718-8224472"),
            ("恩施市思源实验学校", "初中一年级", "10", "500", "0718-8263381"),
        ],
    ),
    (
        "jiuzhu",
        "恩施市民政局",
        "恩施市城乡最低生活保障标准（2026 年）",
        "类别、保障标准（元/月）、执行时间",
        [
            ("城市低保", "720", "2026-01-01"),
            ("农村低保", "520", "2026-01-01"),
            ("特困人员基本生活标准", "940", "2026-01-01"),
        ],
    ),
    (
        "yiliao",
        "恩施市医疗保障局",
        "恩施市基本医疗保险定点医疗机构名单",
        "机构名称、等级、地址、联系电话",
        [
            ("恩施州中心医院", "三级甲等", "恩施市舞阳大道 158 号", "0718-8263020"),
            ("恩施市中心医院", "二级甲等", "恩施市航空大道 6 号", "0718-8221120"),
            ("恩施市中医医院", "二级甲等", "恩施市施州大道 97 号", "0718-8224380"),
            ("恩施市妇幼保健院", "二级甲等", "恩施市解放路 63 号", "0718-8222461"),
            ("龙凤镇卫生院", "一级", "恩施市龙凤镇龙凤坝", "0718-8361120"),
        ],
    ),
    (
        "zhufang",
        "恩施市住房保障服务中心",
        "2026 年第三批公共租赁住房分配结果",
        "序号、小区、户型、套数、分配方式",
        [
            ("1", "金桂苑", "一室一厅", "48", "公开摇号"),
            ("2", "金桂苑", "两室一厅", "36", "公开摇号"),
            ("3", "龙洞河小区", "两室一厅", "60", "公开摇号"),
            ("4", "七里坪安置区", "一室一厅", "24", "定向配租"),
        ],
    ),
]

GUIDE_STEPS = [
    (
        "打开办理入口",
        "打开“鄂汇办”App，或用电脑访问湖北政务服务网，选择“恩施市”。",
        "手机或电脑",
        "首页左上角“切换地区”",
    ),
    (
        "找到事项",
        "在搜索框输入事项名称“{item}”，点击搜索结果进入办事指南，先看清申请条件和材料。",
        "",
        "页面顶部的搜索框",
    ),
    (
        "填写并上传材料",
        "点击“在线办理”，按提示填写信息，拍照或上传所需材料；材料不全时系统会提示。",
        "{materials}",
        "办事指南页面下方“在线办理”按钮",
    ),
    (
        "提交并查看进度",
        "确认信息无误后提交。办理进度会以短信通知，也可在“我的办件”中查看；结果可选择邮寄或到窗口领取。",
        "",
        "“我的”→“我的办件”",
    ),
]


def _step_picture(theme_index, step_index, total):
    """A simple step illustration: a phone outline, the step number, and the progress dots. No download."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    palette = [(165, 17, 26), (11, 79, 156), (31, 122, 76), (160, 90, 10)]
    accent = palette[(theme_index + step_index) % len(palette)]
    img = PILImage.new("RGB", (640, 360), (246, 243, 240))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle(
        (230, 20, 410, 340), radius=24, outline=(40, 40, 40), width=6, fill=(255, 255, 255)
    )
    draw.rectangle((248, 60, 392, 290), fill=(235, 235, 235))
    draw.rectangle((258, 70 + step_index * 50, 382, 110 + step_index * 50), fill=accent)
    draw.ellipse((305, 300, 335, 330), outline=(40, 40, 40), width=4)
    draw.ellipse((40, 110, 180, 250), fill=accent)
    try:
        font = ImageFont.load_default(size=96)
    except TypeError:  # Pillow without FreeType: the bitmap font has one size
        font = ImageFont.load_default()
    draw.text((110, 180), str(step_index + 1), fill=(255, 255, 255), font=font, anchor="mm")
    for i in range(total):
        x = 470 + i * 36
        draw.ellipse((x, 170, x + 22, 192), fill=accent if i <= step_index else (200, 200, 200))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def load_guides():
    from wagtail.images.models import Image

    created = 0
    themes = list(Theme.objects.order_by("sort_order"))
    for theme_index, theme in enumerate(themes):
        item = (
            ServiceItem.objects.published()
            .filter(themes=theme, list_type=ListType.PUBLIC)
            .select_related("department")
            .order_by("code")
            .first()
        ) or ServiceItem.objects.published().filter(themes=theme).select_related("department").order_by(
            "code"
        ).first()
        if item is None:
            continue
        title = f"{theme.name}：{item.name}网上办理指引"
        if Guide.objects.filter(title=title).exists():
            continue
        guide = Guide(
            title=title,
            theme=theme,
            item=item,
            department=item.department,
            intro=f"按下面 {len(GUIDE_STEPS)} 步，在手机或电脑上办理“{item.name}”，多数情况不用跑窗口。",
            live=True,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        for step_index, (step_title, text, bring, click) in enumerate(GUIDE_STEPS):
            picture = Image(
                title=f"{title} 第{step_index + 1}步示意图",
                file=ImageFile(
                    io.BytesIO(_step_picture(theme_index, step_index, len(GUIDE_STEPS))),
                    name=f"guide-{theme.slug}-{step_index + 1}.png",
                ),
            )
            picture.save()
            guide.steps.add(
                GuideStep(
                    title=step_title,
                    text=text.format(item=item.name),
                    bring=bring.format(materials="、".join(item.material_list[:3])),
                    click=click,
                    image=picture,
                    image_alt=f"第 {step_index + 1} 步示意：手机屏幕上高亮的是{click or step_title}",
                    sort_order=step_index,
                )
            )
        guide.save()
        revision = guide.save_revision()
        guide.live_revision = revision
        guide.save(update_fields=["live_revision"])
        created += 1
    return created


def load_questions_and_tables():
    themes = {t.slug: t for t in Theme.objects.all()}
    departments = {d.name: d for d in Department.objects.all()}
    theme_dept = {slug: dept_names[0] for _, slug, _, dept_names in THEMES}
    created = 0
    day = date(2026, 10, 30)
    for slug, pairs in QUESTIONS.items():
        dept = departments.get(theme_dept[slug])
        if dept is None:
            continue
        for offset, (question, answer) in enumerate(pairs):
            _, new = Question.objects.get_or_create(
                question=question,
                defaults={
                    "answer": answer,
                    "theme": themes[slug],
                    "department": dept,
                    "published_on": day - timedelta(days=7 * offset + len(question)),
                },
            )
            created += new
    for slug, dept_name, title, columns, rows in TABLES:
        dept = departments.get(dept_name)
        if dept is None:
            continue
        _, new = DataTable.objects.get_or_create(
            title=title,
            defaults={
                "theme": themes[slug],
                "department": dept,
                "columns": columns,
                "rows": "\n".join("\t".join(r) for r in rows),
                "published_on": date(2026, 9, 1),
            },
        )
        created += new
    return created


def ensure_guide_workflow():
    """Guides are published through a Wagtail workflow: the disclosure office approves (F14 'under review')."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

    workflow, _ = Workflow.objects.get_or_create(name="操作指引审核")
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.create(name="政务公开办审核")
        task.groups.set(Group.objects.filter(name__in=[roles.OFFICE]))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Guide), defaults={"workflow": workflow}
    )


def load(stdout):
    with transaction.atomic():
        themes = load_themes()
        items, reforms = load_items()
        extra = load_questions_and_tables()
        policies = link_policies()
        ensure_guide_workflow()
        if items:
            audit.record(
                None,
                "services.demo_load",
                object_type="services.serviceitem",
                object_id="*",
                object_repr="演示事项",
                after={"items": items, "reforms": reforms},
            )
    guides = load_guides()
    total = ServiceItem.objects.count()
    stdout.write(
        f"  主题 {Theme.objects.count()} 个（新建 {themes}），事项 {total} 项（新建 {items}，改革记录 {reforms} 条），"
        f"问答与数据表新建 {extra}，操作指引新建 {guides} 份，主题政策文件关联 {policies} 条"
    )
