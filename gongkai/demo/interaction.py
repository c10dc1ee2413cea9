"""Demo data: a year of messages, 纠错 reports and 12345 tickets about city life in 恩施, routed to departments,
replied, reviewed, rated — some badly, some reopened under 督办 and fixed, one closed by the office with a written
reason, one left unanswered past the 3-month veto line — so the board and the dashboards show real shapes.

Idempotent: nothing is added when demo cases exist. Everything goes through the action functions (audited)."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from gongkai.core import roles
from gongkai.demo.org import DEMO_PASSWORD, create_demo_staff
from gongkai.interaction import actions, hotline, intake, notify
from gongkai.interaction.models import Case, Category, Channel, KeywordRule, Status
from gongkai.interaction.seed import seed
from gongkai.org.models import Department

PLACES = [
    "舞阳坝街道金桂大道",
    "六角亭街道解放路",
    "小渡船街道施州大道",
    "土桥坝片区",
    "航空大道沿线",
    "龙凤镇龙马村",
    "崔家坝镇",
    "三岔镇莲花池村",
    "清江河畔",
    "学院路",
    "火车站周边",
    "七里坪社区",
]
NAMES = [
    "向红梅",
    "谭志强",
    "黄国华",
    "杨晓燕",
    "覃建军",
    "田秀英",
    "刘德明",
    "张丽",
    "邓卫国",
    "冉春花",
    "龙海",
    "滕小琴",
    "吴宏",
    "彭玉兰",
    "秦立",
]

# (category, title, content, reply) — {p} a place
TEMPLATES = [
    (
        "教育与入学",
        "{p}孩子小学入学划片咨询",
        "我家住{p}，孩子今年满六周岁，请问划片对应哪所小学？报名需要哪些材料？",
        "您好！{p}片区对应学校以市教育局每年 7 月公布的《城区义务教育学校招生范围》为准，报名需携带户口簿、房产证或购房合同、"
        "儿童预防接种证，于 8 月 1 日至 5 日到校现场登记。咨询电话 0718-8222301。",
    ),
    (
        "教育与入学",
        "随迁子女初中学位申请",
        "我们在{p}务工已三年，孩子户籍在建始县，今年升初中能否在城区就读？",
        "您好！随迁子女凭居住证、务工证明（劳动合同或营业执照）和学籍信息，可在 7 月 10 日前向市教育局基础教育科申请统筹安排学位。",
    ),
    (
        "医疗与医保",
        "异地就医报销流程",
        "我父亲在武汉住院，医保异地就医备案后报销比例是多少？出院后怎么结算？",
        "您好！办理异地就医备案后，在武汉定点医院可直接结算，职工医保住院报销比例与本地一致，居民医保降低 5 个百分点。"
        "未直接结算的，可持发票、费用清单、出院小结到市医保局服务大厅或“鄂汇办”APP 申请手工报销。",
    ),
    (
        "医疗与医保",
        "门诊慢特病认定时间",
        "我母亲患高血压多年，想申请门诊慢特病待遇，需要到哪里认定？多久能办好？",
        "您好！门诊慢特病认定可在市中心医院、市民族医院等定点医疗机构随时申请，医院初审后 15 个工作日内完成认定，待遇自认定次月起享受。",
    ),
    (
        "医疗与医保",
        "城乡居民医保缴费问题",
        "2027 年度城乡居民医保个人缴费标准是多少？在{p}怎么缴？",
        "您好！2027 年度个人缴费标准以省医保局文件为准，可通过“楚税通”APP、微信“湖北税务”或到{p}所在社区代收点缴纳，截止日为 12 月 31 日。",
    ),
    (
        "住房与公积金",
        "公积金贷款额度咨询",
        "我和爱人都在恩施缴纳公积金，想在{p}买二手房，最高能贷多少？",
        "您好！双职工缴存家庭公积金贷款最高额度为 60 万元，具体以账户余额倍数和还款能力核定。可携带双方身份证、婚姻证明、购房合同到市住房公积金中心申请。",
    ),
    (
        "住房与公积金",
        "提取公积金支付房租",
        "我在{p}租房，能否提取公积金支付房租？每年能提多少？",
        "您好！无自有住房在本市租房的职工，可每年提取一次，每月提取额度不超过 1200 元，可通过“鄂汇办”APP 线上办理。",
    ),
    (
        "住房与公积金",
        "公租房申请条件",
        "外地来恩施工作，租房压力大，公租房对外来务工人员有什么条件？",
        "您好！在城区稳定就业满一年、本人及家庭在城区无住房的外来务工人员可申请公租房，需提供劳动合同、社保缴费证明，由市住房保障服务中心受理。",
    ),
    (
        "城市建设与道路",
        "{p}路面坑洼何时维修",
        "{p}路面坑洼已经两个多月，下雨积水，电动车经过很危险，请问什么时候维修？",
        "您好！经现场查看，{p}破损路面已纳入本季度市政道路维修计划，预计 15 日内完成修补，施工期间将设置警示标志。感谢您的监督。",
    ),
    (
        "城市建设与道路",
        "{p}路灯不亮",
        "{p}有一排路灯已经一周不亮了，晚上走路看不清，请尽快修理。",
        "您好！接到反映后市政维护单位已于次日排查，系线路老化短路，已更换电缆，路灯恢复正常照明。",
    ),
    (
        "城市建设与道路",
        "老旧小区改造进度",
        "{p}老旧小区改造什么时候开始？改造内容包括加装电梯吗？",
        "您好！该小区已列入 2026 年老旧小区改造计划，改造内容包括管网、屋面防水、外墙和停车设施；加装电梯需经业主同意后另行申请补助。",
    ),
    (
        "城市管理与噪音",
        "{p}夜间施工噪音扰民",
        "{p}附近工地每天晚上十一点后还在施工，噪音很大，严重影响休息。",
        "您好！经核查，该工地未办理夜间施工许可，执法人员已责令其立即停止夜间作业，并依法立案调查。如再发生可拨打 12345 反映。",
    ),
    (
        "城市管理与噪音",
        "广场舞音响声音过大",
        "{p}广场每晚广场舞音响开得很大，持续到十点以后，周边居民无法休息。",
        "您好！社区已与广场舞团队负责人沟通，约定晚上 9 点半前结束并控制音量，城管执法队员将加强巡查。",
    ),
    (
        "城市管理与噪音",
        "占道经营影响通行",
        "{p}人行道上摆满摊位，行人只能走机动车道，存在安全隐患。",
        "您好！执法中队已对该路段开展集中整治，引导摊贩进入规定的便民疏导点经营，并安排常态化巡查。",
    ),
    (
        "社保与就业",
        "灵活就业人员养老保险",
        "我在{p}做个体，想按灵活就业人员参加养老保险，怎么办理？缴费档次有哪些？",
        "您好！可持身份证到市人社局社保服务大厅或通过“湖北智慧人社”APP 办理参保登记，缴费基数可在全省上年度社平工资的 60% 至 300% 之间选择。",
    ),
    (
        "社保与就业",
        "失业保险金申领进度",
        "我上月离职后申请了失业保险金，至今没有到账，请问进度如何？",
        "您好！经查询，您的申请已审核通过，因银行卡信息有误未能发放，工作人员已电话联系您更正，更正后 5 个工作日内发放。",
    ),
    (
        "社保与就业",
        "高校毕业生就业补贴",
        "应届毕业生在恩施就业有没有生活补贴？怎么申请？",
        "您好！在我市企业就业并签订一年以上劳动合同的高校毕业生，可申请一次性就业补贴，请登录“恩施人才网”查看申报通知。",
    ),
    (
        "交通出行",
        "公交线路调整建议",
        "{p}到火车站没有直达公交，早晚高峰很不方便，建议增开线路。",
        "您好！市交通运输局已会同公交公司调研客流，拟于下月起延长 6 路公交至火车站，届时将发布公告。",
    ),
    (
        "交通出行",
        "出租车拒载投诉",
        "在{p}打车，司机嫌路近拒载，车牌号已记下，请处理。",
        "您好！经调查核实，该驾驶员拒载属实，已依据《巡游出租汽车经营服务管理规定》对其作出处罚，并责令其所在公司加强教育。",
    ),
    (
        "生态环境",
        "{p}河道异味",
        "{p}附近河道近期有明显异味，怀疑有污水直排，请环保部门调查。",
        "您好！执法人员现场检查发现一处雨污管网破损，已督促住建部门于 3 日内修复，并对河道水质开展跟踪监测，目前指标正常。",
    ),
    (
        "市场监管与消费",
        "预付卡商家跑路",
        "{p}一家健身房突然关门，会员卡余额还有 2000 多元，如何维权？",
        "您好！已对该经营者立案调查并联系其负责人，请您携带会员卡、付款凭证到市市场监管局消费者权益保护股登记，我局将组织集中调解。",
    ),
    (
        "政务公开",
        "征收补偿方案在哪公开",
        "听说{p}要征收，补偿方案在哪里公开？什么时候公示？",
        "您好！征收补偿方案将在市政府门户网站“重点领域信息公开—征收补偿”栏目和征收范围内公告栏同步公示，公示期不少于 30 日。",
    ),
    (
        "其他",
        "{p}小区电梯经常故障",
        "{p}小区电梯一个月坏了三次，物业推诿，请有关部门督促。",
        "您好！市市场监管局特种设备安全监察人员已现场检查，责令维保单位全面检修，并约谈物业公司，检修完成前暂停使用。",
    ),
]

BAD_COMMENTS = [
    "答复没有解决实际问题。",
    "只是说纳入计划，没有具体时间。",
    "问题依然存在，请再核实。",
    "电话回访态度不好。",
]
GOOD_COMMENTS = ["回复很及时，谢谢！", "问题已解决，满意。", "讲得很清楚。", "", ""]
FIX = "补充答复：经督办，{p}问题已于近日整改到位，工作人员已上门回访确认，后续将加强日常巡查。"

SITE_ERRORS = [
    (
        "错别字或表述错误",
        "https://www.enshi.gov.cn/zwgk/tzgg/",
        "通知正文中“恩施市人民政府”误写为“恩施市人民政付”。",
    ),
    ("链接失效", "https://www.enshi.gov.cn/bsfw/", "办事服务页面“社保查询”链接点开是 404。"),
    ("内容过期或不准确", "https://www.enshi.gov.cn/zwgk/jgzn/", "机构职能页面的联系电话已经停用，请更新。"),
    ("页面无法访问", "https://www.enshi.gov.cn/hdjl/", "互动交流栏目晚上打不开，一直转圈。"),
    ("其他", "https://www.enshi.gov.cn/", "首页在手机上字体太小，老年人看不清，建议增加大字版入口。"),
]

HOTLINE = [
    ("政务公开咨询", "村务公开栏长期未更新", "{p}村务公开栏半年没有更新，财务收支情况不公开，要求公开。"),
    ("政务公开咨询", "拆迁补偿标准公示咨询", "{p}拆迁补偿标准是否已公示？在哪里能看到？"),
    ("政务公开咨询", "低保名单公示问题", "{p}低保名单公示信息不全，想知道公示的渠道和时间。"),
    ("政务公开咨询", "申请公开项目审批文件", "我要依申请公开{p}安置房项目的规划审批文件。"),
    ("政务公开咨询", "政策文件查询", "想查询恩施市最新的购房补贴政策文件，网站上没找到。"),
]

EXTRA_STAFF = [
    ("ybj_editor", "冉晓华", "恩施市医疗保障局", "市医保局信息员：留言办理"),
    ("cgj_editor", "滕建波", "恩施市城市管理执法局", "市城管执法局信息员：留言办理"),
    ("zjj_editor", "彭丽", "恩施市住房和城乡建设局", "市住建局信息员：留言办理"),
]


def _bj(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load(stdout):
    if Case.objects.filter(source="demo").exists():
        stdout.write("  互动交流演示数据已存在，跳过。")
        return {"logins": [(u, DEMO_PASSWORD, d) for u, _n, _dept, d in EXTRA_STAFF]}
    with notify.muted(), transaction.atomic():
        seed(Category, Department, KeywordRule)
        return _load(stdout)


def _load(stdout):
    rng = random.Random(20261127)  # noqa: S311 — reproducible demo data, not a secret
    office = Department.objects.filter(kind=Department.Kind.OFFICE).first()
    User = _user_model()
    gkb = User.objects.filter(username="gkb").first()
    staff = {}
    for username, full, dept_name, _desc in EXTRA_STAFF:
        dept = Department.objects.filter(name=dept_name).first()
        if dept and not User.objects.filter(username=username).exists():
            create_demo_staff(
                username=username,
                full_name=full,
                department=dept,
                role_list=[roles.EDITOR],
            )
    for user in User.objects.filter(staff__department__isnull=False, groups__name=roles.EDITOR):
        staff.setdefault(user.staff.department_id, user)

    now = timezone.now()
    today = timezone.localtime(now).date()
    # the whole previous calendar year and this year to date: the annual report and the quarterly assessment of
    # last year need a complete year
    start = datetime.date(today.year - 1, 1, 1)
    span = (today - start).days
    counts = {"message": 0, "site_error": 0, "hotline": 0, "bad": 0, "reopened": 0}

    def process(case, received, place, reply_text, *, fix_text=None, age_days, allow_bad=True):
        """Move a case along the flow as far as its age allows."""
        dept = case.suggested_department or office
        t = received + datetime.timedelta(hours=rng.randint(1, 20))
        if t > now:
            return
        case = actions.dispatch(gkb, case, dept, now=t)
        if age_days < 2 and rng.random() < 0.6:
            return
        t += datetime.timedelta(hours=rng.randint(20, 80) if rng.random() < 0.9 else rng.randint(150, 260))
        if t > now:
            return
        case = actions.submit_reply(staff.get(dept.pk), case, reply_text, now=t)
        if age_days < 3 and rng.random() < 0.5:
            return
        t += datetime.timedelta(hours=rng.randint(2, 20))
        if t > now:
            return
        case = actions.review_reply(gkb, case, approve=True, now=t)
        if rng.random() < 0.15:
            return  # the citizen never rated
        t += datetime.timedelta(hours=rng.randint(3, 72))
        if t > now:
            return
        score = (
            rng.choices([5, 4, 3, 2, 1], weights=[46, 30, 11, 8, 5])[0] if allow_bad else rng.choice([5, 4])
        )
        comment = rng.choice(BAD_COMMENTS if score <= 2 else GOOD_COMMENTS)
        case = actions.rate(case, score, comment, now=t)
        if score <= 2:
            counts["bad"] += 1
            t += datetime.timedelta(days=rng.randint(1, 3))
            if t > now:
                return
            actions.add_follow_up(
                gkb,
                case,
                "revisit",
                f"电话回访留言人，了解到：{comment}已督促承办部门整改。",
                done=True,
                now=t,
            )
            t += datetime.timedelta(days=rng.randint(3, 12))
            if t > now or age_days < 20:
                return  # still under 督办
            case = actions.submit_reply(staff.get(dept.pk), case, fix_text or FIX.format(p=place), now=t)
            t += datetime.timedelta(hours=rng.randint(2, 24))
            case = actions.review_reply(gkb, case, approve=True, now=t)
            t += datetime.timedelta(days=rng.randint(1, 4))
            if rng.random() < 0.85:
                case = actions.rate(case, rng.choice([5, 4, 3]), "整改到位了，谢谢。", now=t)
                counts["reopened"] += 1
            else:
                actions.override_close(
                    gkb,
                    case,
                    "经两次回访，群众诉求为要求全额退费，超出行政机关职权范围，已告知通过诉讼途径解决，依规办结。",
                    now=t + datetime.timedelta(days=1),
                )
                return
        t += datetime.timedelta(days=8)
        if t <= now:
            actions.close(gkb, case, now=t)

    # 留言: about 1.4 a day
    day = start
    while day <= today:
        for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3])):
            cat, title, content, reply = rng.choice(TEMPLATES)
            place = rng.choice(PLACES)
            received = _bj(day, rng.randint(7, 22), rng.randint(0, 59))
            if received > now:
                continue
            data = {
                "name": rng.choice(NAMES),
                "phone": f"13{rng.randint(0, 9)}0718{rng.randint(1000, 9999)}",
                "category": cat,
                "title": title.format(p=place),
                "content": content.format(p=place),
                "public": rng.random() < 0.85,
            }
            cleaned, errors = intake.validate_message(data)
            if errors:
                raise ValueError(errors)
            case, created = actions.submit(
                Channel.MESSAGE, cleaned, source="demo", now=received, received_at=received
            )
            if not created:
                continue
            counts["message"] += 1
            age = (today - day).days
            if rng.random() < 0.02:
                actions.mark_invalid(
                    gkb, case, "内容为商业广告，不予受理。", now=received + datetime.timedelta(hours=3)
                )
                continue
            process(case, received, place, reply.format(p=place), age_days=age)
        day += datetime.timedelta(days=1)

    # one valid message left unanswered since summer: the 3-month veto alarm on the dashboard
    received = _bj(today - datetime.timedelta(days=100), 10)
    cleaned, _ = intake.validate_message(
        {
            "name": "秦立",
            "phone": "13507186611",
            "category": "城市建设与道路",
            "title": "七里坪社区排水沟堵塞",
            "public": True,
            "content": "七里坪社区排水沟长期堵塞，一下雨就漫到路面，希望尽快疏通。",
        }
    )
    case, created = actions.submit(
        Channel.MESSAGE, cleaned, source="demo", now=received, received_at=received
    )
    if created:
        actions.dispatch(
            gkb, case, case.suggested_department or office, now=received + datetime.timedelta(hours=5)
        )

    # 纠错: "5+2", weekends included
    for i in range(90 * span // 365):
        cat, url, desc = rng.choice(SITE_ERRORS)
        received = _bj(
            start + datetime.timedelta(days=rng.randint(0, span)), rng.randint(0, 23), rng.randint(0, 59)
        )
        if received > now:
            continue
        cleaned, errors = intake.validate_site_error(
            {
                "page_url": f"{url}?from={i}",
                "description": desc,
                "category": cat,
                "email": f"citizen{i}@example.com",
            }
        )
        case, created = actions.submit(
            Channel.SITE_ERROR, cleaned, source="demo", now=received, received_at=received
        )
        if created:
            counts["site_error"] += 1
            process(
                case,
                received,
                "",
                "感谢您的指正！相关问题已于当日修正，欢迎继续监督政府网站。",
                age_days=(today - timezone.localtime(received).date()).days,
                allow_bad=False,
            )

    # 12345: tickets imported in monthly batches, disclosure-related ones handled like messages
    rows = []
    for i in range(160 * span // 365):
        cat, title, content = rng.choice(HOTLINE)
        place = rng.choice(PLACES)
        received = _bj(start + datetime.timedelta(days=rng.randint(0, span - 1)), rng.randint(8, 20))
        rows.append(
            {
                "ticket_no": f"RX{timezone.localtime(received):%Y%m%d}{i:04d}",
                "received_at": timezone.localtime(received).strftime("%Y-%m-%d %H:%M"),
                "name": rng.choice(NAMES),
                "phone": f"15{rng.randint(0, 9)}0718{rng.randint(1000, 9999)}",
                "title": title,
                "content": content.format(p=place),
                "category": cat,
            }
        )
    rows = [r for r in rows if hotline._parse_time(r["received_at"]) <= now]
    result = hotline.import_tickets(rows, gkb, source="import")
    for code in result.created:
        case = Case.objects.get(code=code)
        counts["hotline"] += 1
        process(
            case,
            case.received_at,
            "",
            "您好！相关信息已在市政府门户网站“政府信息公开”专栏公开，也可到市政务服务中心政务公开专区查阅。",
            age_days=(today - timezone.localtime(case.received_at).date()).days,
        )
    Case.objects.filter(channel=Channel.HOTLINE).update(source="demo")
    stdout.write(
        f"  留言 {counts['message']} 条、纠错 {counts['site_error']} 条、12345 工单 {counts['hotline']} 件"
        f"（转依申请公开 {len(result.redirected)} 件），差评 {counts['bad']} 次、督办整改后重新评价 {counts['reopened']} 次。"
    )
    open_now = Case.objects.filter(status=Status.SUPERVISING).count()
    stdout.write(f"  当前督办中 {open_now} 件。")
    return {"logins": [(u, DEMO_PASSWORD, d) for u, _n, _dept, d in EXTRA_STAFF]}


def _user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()
