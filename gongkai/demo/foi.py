"""Demo FOI cases: from mid-December 2024 (carried over into 2025), all of 2025 and 2026 to date, built through
the action functions with explicit timestamps, so the event log, the audit trail, the clock and the statistics
are all real. Idempotent: skipped if cases exist.

About 330 applications across departments, applicant categories and channels, every outcome of table 三, with
补正, extensions, consultations, fees (paid and unpaid), transfers, remedies, Art. 44 marks, open and overdue cases.
Mail goes to Django's in-memory backend during the load (the demo applicants' addresses are invented).
"""

import datetime
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from gongkai.core import workdays
from gongkai.core.identity import USCC_CHARS, make_uscc, resident_id_check_char
from gongkai.foi import actions, rules, services
from gongkai.foi.models import Application, Status
from gongkai.org.models import Department

O = rules.Outcome  # noqa: E741
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
SURNAMES = "向田谭黄覃杨龙邓刘张王李陈吴周郑冉秦胡彭"
GIVEN = [
    "春梅",
    "志强",
    "晓燕",
    "国华",
    "建军",
    "丽萍",
    "德明",
    "海波",
    "雨欣",
    "明亮",
    "秀英",
    "小红",
    "永福",
    "家俊",
    "文静",
    "思远",
]
ORGS = {
    "commercial": [
        "恩施市硒源茶业有限公司",
        "恩施玉露茶叶专业合作社",
        "湖北恩施大峡谷旅游开发有限公司",
        "恩施市华鑫建筑工程有限公司",
        "恩施州鑫达物流有限公司",
    ],
    "research": ["湖北民族大学硒资源研究中心", "恩施州农业科学院", "湖北省林业科学研究院恩施分院"],
    "public_welfare": ["恩施市阳光助残志愿者协会", "恩施州环保公益促进会", "恩施市留守儿童关爱中心"],
    "legal_service": ["湖北施南律师事务所", "湖北恩施正义律师事务所", "恩施市舞阳法律服务所"],
    "other": ["恩施市舞阳坝街道金桂社区居民委员会", "恩施市龙凤镇青堡村股份经济合作社"],
}
TOPICS = {
    "恩施市教育局": [
        "{y}年恩施市城区义务教育学校招生划片范围及依据",
        "{y}年恩施市学前教育资助资金的分配明细",
        "恩施市中小学校舍安全改造项目{y}年度资金使用情况",
    ],
    "恩施市人力资源和社会保障局": [
        "{y}年恩施市事业单位公开招聘工作人员的岗位表及资格审查标准",
        "{y}年恩施市城乡居民基本养老保险基础养老金标准",
        "恩施市{y}年农民工工资保证金收缴及返还情况",
    ],
    "恩施市民政局": [
        "{y}年恩施市城乡居民最低生活保障标准及保障人数",
        "{y}年恩施市特困人员救助供养资金发放情况",
        "恩施市{y}年临时救助资金的使用明细",
    ],
    "恩施市自然资源和规划局": [
        "恩施市{y}年度建设用地供应计划",
        "龙凤镇青堡村集体土地征收的批准文件及补偿安置方案",
        "恩施市国土空间总体规划（2021—2035年）中心城区用地布局图",
    ],
    "恩施市住房和城乡建设局": [
        "{y}年恩施市城镇老旧小区改造项目清单及资金安排",
        "恩施市保障性租赁住房{y}年分配结果",
        "舞阳坝街道某棚户区改造项目的房屋征收决定及补偿方案",
    ],
    "恩施市交通运输局": [
        "恩施市{y}年农村公路建设计划及资金安排",
        "恩施至宣恩一级公路建设项目的环评批复和立项文件",
    ],
    "恩施市农业农村局": [
        "{y}年恩施市耕地地力保护补贴发放标准及发放清册",
        "恩施市{y}年茶产业发展专项资金分配方案及获补企业名单",
    ],
    "恩施州生态环境局恩施市分局": [
        "{y}年恩施市重点排污单位名录",
        "恩施市某砂石厂的环境影响评价批复及验收文件",
    ],
    "恩施市市场监督管理局": ["{y}年恩施市食品安全监督抽检结果", "恩施市{y}年茶叶产品质量抽查结果通报"],
    "恩施市卫生健康局": ["{y}年恩施市基本公共卫生服务项目资金分配表", "恩施市{y}年医疗机构执业许可审批情况"],
    "恩施市财政局": ["恩施市{y}年政府性基金预算执行情况", "恩施市{y}年“三公”经费预决算明细"],
    "恩施市发展和改革局": ["恩施市{y}年重点建设项目计划", "恩施市城区停车收费标准调整的成本监审报告"],
    "恩施市文化和旅游局": [
        "恩施市{y}年A级旅游景区门票价格核定文件",
        "恩施土司城保护修缮项目{y}年资金使用情况",
    ],
    "恩施市城市管理执法局": ["恩施市{y}年城区违法建设拆除清单及依据", "恩施市城区户外广告设置规划"],
    "恩施市水利和湖泊局": [
        "恩施市{y}年河道采砂规划及许可情况",
        "清江恩施城区段防洪工程{y}年度建设资金使用情况",
    ],
}
REPLY = {
    O.DISCLOSED: "您申请的信息已整理，现以附件形式提供，共 {p} 页。",
    O.PARTIAL: "现提供可以公开的部分；其中涉及个人身份信息和银行账号的内容已作区分处理。",
    O.WITHHELD_STATE_SECRET: "该信息经定密属于国家秘密。",
    O.WITHHELD_LAW_PROHIBITS: "该信息属于《中华人民共和国统计法》规定不得公开的统计调查对象资料。",
    O.WITHHELD_SECURITY: "该信息涉及清江防洪工程关键设施布防，公开后可能危及公共安全。",
    O.WITHHELD_THIRD_PARTY: "经书面征求第三方意见，第三方不同意公开，该信息涉及其商业秘密。",
    O.WITHHELD_INTERNAL: "该信息为本机关内部人事管理信息。",
    O.WITHHELD_PROCESS: "该信息为尚在研究讨论中的过程稿。",
    O.WITHHELD_ENFORCEMENT: "该信息属于行政执法案卷材料。",
    O.WITHHELD_QUERY: "不动产登记资料请依照《不动产登记资料查询暂行办法》到市不动产登记中心查询。",
    O.UNAVAILABLE_NOT_HELD: "经检索，本机关未制作、未获取该信息；该信息可能由恩施州相关部门掌握。",
    O.UNAVAILABLE_MUST_CREATE: "您要求的汇总统计需要对现有信息进行加工、分析，本机关不予另行制作。",
    O.UNAVAILABLE_UNCLEAR: "补正后仍无法确定所指的具体文件。",
    O.NOT_HANDLED_PETITION: "您反映的问题属于投诉举报事项，请通过 12345 热线或信访渠道提出。",
    O.NOT_HANDLED_REPEAT: "本机关已于此前就相同信息作出答复。",
    O.NOT_HANDLED_PUBLICATION: "该信息已刊登于《恩施市人民政府公报》，可到市档案馆、图书馆查阅。",
    O.NOT_HANDLED_MASS: "您本月提出的申请数量明显超过合理范围，经要求说明理由未获合理说明。",
    O.NOT_HANDLED_CONFIRM: "您要求本机关确认已获取文件的真实性，不属于政府信息公开申请。",
    O.OTHER: "您已撤回申请。",
}
OUTCOME_WEIGHTS = [
    (O.DISCLOSED, 40), (O.PARTIAL, 10), (O.WITHHELD_STATE_SECRET, 1), (O.WITHHELD_LAW_PROHIBITS, 1),
    (O.WITHHELD_SECURITY, 1), (O.WITHHELD_THIRD_PARTY, 3), (O.WITHHELD_INTERNAL, 2), (O.WITHHELD_PROCESS, 3),
    (O.WITHHELD_ENFORCEMENT, 2), (O.WITHHELD_QUERY, 2), (O.UNAVAILABLE_NOT_HELD, 12), (O.UNAVAILABLE_MUST_CREATE, 4),
    (O.UNAVAILABLE_UNCLEAR, 2), (O.NOT_HANDLED_PETITION, 4), (O.NOT_HANDLED_REPEAT, 3), (O.NOT_HANDLED_PUBLICATION, 1),
    (O.NOT_HANDLED_MASS, 1), (O.NOT_HANDLED_CONFIRM, 1), (O.OTHER_NO_CORRECTION, 3), (O.OTHER_UNPAID, 2), (O.OTHER, 2),
]  # fmt: skip
CHANNEL_WEIGHTS = [
    ("online", 60),
    ("in_person", 14),
    ("post_registered", 8),
    ("post_ordinary", 5),
    ("fax", 3),
    ("oral", 10),
]
OFFICE_HANDLED = {
    O.NOT_HANDLED_PETITION,
    O.NOT_HANDLED_PUBLICATION,
    O.NOT_HANDLED_CONFIRM,
    O.NOT_HANDLED_MASS,
}


class Timeline:
    """Working-day and hour arithmetic for the story of one case; `at()` never goes past `now`."""

    def __init__(self, rng, now):
        self.rng, self.now = rng, now

    def at(self, day, hour=None):
        hour = hour if hour is not None else self.rng.randint(8, 17)
        return datetime.datetime(day.year, day.month, day.day, hour, self.rng.randint(0, 59), tzinfo=SHANGHAI)

    def later(self, day, workdays_n):
        return workdays.add_due(day, workdays_n)[0]


def _resident_id(rng):
    birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 18000))
    body = f"4228{rng.choice(['01', '02', '22', '25'])}{birth:%Y%m%d}{rng.randint(100, 999)}"
    return body + resident_id_check_char(body)


def _uscc(rng, prefix):
    chars = USCC_CHARS.replace("X", "").replace("Y", "")
    return make_uscc(prefix, "422801", "".join(rng.choice(chars) for _ in range(8)))


def _applicants(rng):
    people = []
    for i in range(90):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        people.append({
            "applicant_type": "natural_person", "name": name, "id_type": "resident_id", "id_number": _resident_id(rng),
            "phone": f"139{rng.randint(10000000, 99999999)}", "email": f"user{i}@example.com",
            "address": f"湖北省恩施市{rng.choice(['舞阳坝街道', '六角亭街道', '小渡船街道', '龙凤镇', '崔家坝镇'])}{rng.randint(1, 200)}号",
        })  # fmt: skip
    orgs = []
    prefixes = {
        "commercial": "91",
        "research": "12",
        "public_welfare": "52",
        "legal_service": "31",
        "other": "54",
    }
    for kind, names in ORGS.items():
        for name in names:
            orgs.append({
                "applicant_type": "organization", "organization_type": kind, "name": name, "id_type": "uscc",
                "id_number": _uscc(rng, prefixes[kind]), "phone": f"0718-8{rng.randint(100000, 999999)}",
                "email": f"office{len(orgs)}@example.com", "address": "湖北省恩施市舞阳大道 168 号",
            })  # fmt: skip
    return people, orgs


def _pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


@transaction.atomic
def _build(stdout):
    rng = random.Random(20260101)  # noqa: S311 — demo data, not a secret
    now = timezone.now()
    today = workdays.local_date(now)
    tl = Timeline(rng, now)
    User = get_user_model()
    office = User.objects.get(username="gkb")
    head = User.objects.get(username="gkb_head")
    editors = {
        u.staff.department_id: u for u in User.objects.filter(username__in=["jyj_editor", "rsj_editor"])
    }
    departments = {d.name: d for d in Department.objects.filter(name__in=list(TOPICS))}
    people, orgs = _applicants(rng)
    counts = {"cases": 0, "open": 0}

    # from mid-December 2024, so cases received then and answered in January carry over into 2025 (annual-report
    # table 三 row 二、上年结转) and the 2025 report is a whole year with its carry-in
    start = datetime.date(2024, 12, 16)
    span = (today - start).days
    n_cases = 330
    for i in range(n_cases):
        submitted_day = start + datetime.timedelta(days=int(span * i / n_cases) + rng.randint(0, 2))
        if submitted_day > today:
            submitted_day = today
        applicant = dict(rng.choice(orgs) if rng.random() < 0.3 else rng.choice(people))
        dept_name = rng.choice(list(TOPICS))
        if dept_name not in departments:
            continue
        department = departments[dept_name]
        topic = rng.choice(TOPICS[dept_name]).format(y=rng.choice([2023, 2024, 2025]))
        channel = _pick(rng, CHANNEL_WEIGHTS)
        if channel not in ("online", "fax") and not workdays.is_workday(submitted_day):
            submitted_day = workdays.get_calendar().next_workday(
                submitted_day
            )  # the window is closed at weekends
            if submitted_day > today:
                continue
        payload = {
            **applicant,
            "description": f"请公开{topic}。{rng.choice(['', '如有文号请一并提供。', '希望提供电子版。', ''])}",
            "delivery_form": rng.choice(["paper", "email", "email", "onsite"]),
            "delivery_way": "online",
        }
        if payload["delivery_form"] == "paper":
            payload["delivery_way"] = rng.choice(["post", "pickup"])
        cleaned, errors = services.validate(payload)
        if errors:
            raise RuntimeError(f"demo application invalid: {errors}")
        outcome = _pick(rng, OUTCOME_WEIGHTS)
        sub_at = tl.at(submitted_day, rng.randint(8, 21) if channel == "online" else rng.randint(9, 16))
        if sub_at > now:
            sub_at = now - datetime.timedelta(hours=1)
        actor = None if channel in ("online", "post_ordinary", "fax") else office
        try:
            app, _ = actions.submit(cleaned, channel=channel, actor=actor, at=sub_at)
        except actions.ActionError:  # the same applicant and text again: a double submission
            continue
        counts["cases"] += 1
        handler = editors.get(department.pk, office)

        last = [sub_at]

        def step(day, hour=None, last=last):
            """A time on `day` after the case's previous step; None once it would be in the future."""
            at = tl.at(day, hour)
            if at <= last[0]:
                at = last[0] + datetime.timedelta(minutes=rng.randint(10, 120))
            if at > now:
                return None
            last[0] = at
            return at

        day = workdays.local_date(sub_at)
        if app.status == Status.SUBMITTED:
            if (today - day).days <= 4 and rng.random() < 0.6:
                continue  # recent online/fax submissions still waiting for the office's confirmation
            local_hour = timezone.localtime(sub_at).hour
            day = tl.later(day, 1) if local_hour >= 16 or not workdays.is_workday(day) else day
            at = step(day, 10)
            if at is None:
                continue  # still waiting for confirmation
            actions.confirm_receipt(office, app, at=at)
        app.refresh_from_db()
        receipt = app.receipt_date
        due_day = tl.later(receipt, 20)

        # 补正 (Art. 30)
        if outcome in (O.OTHER_NO_CORRECTION, O.UNAVAILABLE_UNCLEAR) or rng.random() < 0.06:
            day = tl.later(receipt, rng.randint(1, 5))
            at = step(day)
            if at is None:
                continue
            actions.request_correction(
                office, app, items="请写明所需文件的名称、文号或成文时间", period_days=15, at=at
            )
            if outcome == O.OTHER_NO_CORRECTION:
                end = tl.later(day, 15)
                at = step(tl.later(end, 1), 8)
                if at is None:
                    continue
                actions.close_lapsed(None, app, at=at)
                continue
            day = tl.later(day, rng.randint(2, 10))
            at = step(day)
            if at is None:
                continue
            actions.receive_correction(office, app, text="所需文件为该项目的批准文件及资金安排表", at=at)
            receipt = day
            due_day = tl.later(receipt, 20)

        office_handles = outcome in OFFICE_HANDLED and rng.random() < 0.6
        if not office_handles:
            day = tl.later(day, rng.choice([0, 0, 1, 1, 2, 3]))
            at = step(day)
            if at is None:
                continue
            actions.assign(office, app, department, at=at)
            if rng.random() < 0.08:
                other = departments[rng.choice([n for n in departments if n != dept_name])]
                day = tl.later(day, rng.randint(1, 3))
                at = step(day)
                if at is None:
                    continue
                actions.transfer(office, app, other, reason="经核实，该信息由该部门制作和保存", at=at)
                department = other
                handler = editors.get(other.pk, office)

        extended = False
        if outcome in (O.WITHHELD_THIRD_PARTY, O.PARTIAL) or (not office_handles and rng.random() < 0.06):
            day = tl.later(day, rng.randint(2, 6))
            at = step(day)
            if at is None:
                continue
            actions.start_consultation(handler, app, party=rng.choice(ORGS["commercial"]), at=at)
            consulted = day
            day = tl.later(day, rng.randint(5, 15))
            at = step(day)
            if at is None:
                continue
            actions.answer_consultation(
                handler,
                app,
                opinion="第三方书面回复意见已归档",
                consent=outcome != O.WITHHELD_THIRD_PARTY,
                at=at,
            )
            due_day = tl.later(due_day, workdays.count_workdays(consulted, day))

        if outcome == O.OTHER_UNPAID or (
            outcome == O.DISCLOSED and not office_handles and rng.random() < 0.06
        ):
            day = tl.later(day, rng.randint(1, 4))
            at = step(day)
            if at is None:
                continue
            actions.issue_fee_notice(office, app, method="pages", pages=rng.randint(60, 260), at=at)
            if outcome == O.OTHER_UNPAID:
                at = step(tl.later(tl.later(day, 20), 1), 8)
                if at is None:
                    continue
                actions.close_lapsed(None, app, at=at)
                continue
            noticed = day
            day = tl.later(day, rng.randint(3, 12))
            at = step(day)
            if at is None:
                continue
            actions.record_payment(office, app, receipt_no=f"鄂财票{rng.randint(1000000, 9999999)}", at=at)
            due_day = tl.later(due_day, workdays.count_workdays(noticed, day))

        if not office_handles and rng.random() < 0.08:
            approve_day = min(tl.later(day, rng.randint(5, 12)), due_day)
            at = step(approve_day, 9) if approve_day >= day else None
            if at is None or workdays.local_date(at) > due_day:
                counts["open"] += 1
                continue
            actions.approve_extension(
                head, app, days=rng.choice([10, 15, 20]), reason="申请内容涉及多年档案，需调取核实", at=at
            )
            extended = True
            app.refresh_from_db()
            due_day = app.due_date or due_day
            day = approve_day

        # a few cases sit with the department past their deadline (overdue, red on the workbench)
        if not office_handles and receipt > today - datetime.timedelta(days=75) and rng.random() < 0.25:
            counts["open"] += 1
            continue
        latest = (
            due_day if rng.random() < 0.94 else tl.later(due_day, rng.randint(1, 4))
        )  # a few late answers
        earliest = max(day, tl.later(receipt, 2))
        span_days = max(workdays.count_workdays(earliest, latest), 1)
        day = tl.later(
            earliest, rng.randint(0, span_days - (2 if not extended else 1)) if span_days > 2 else 0
        )
        at = step(day)
        if at is None:
            counts["open"] += 1
            continue
        text = REPLY.get(outcome, "见告知书。").format(p=rng.randint(3, 40))
        actions.department_reply(
            office if office_handles else handler, app, outcome=outcome, reply_text=text, at=at
        )
        if rng.random() < 0.05:
            at = step(day, 17)
            if at is None:
                continue
            actions.review(office, app, approve=False, note="答复依据引用不准确，请补充条例条款", at=at)
            day = tl.later(day, 1)
            at = step(day, 10)
            if at is None:
                continue
            actions.department_reply(
                office if office_handles else handler, app, outcome=outcome, reply_text=text, at=at
            )
        day = tl.later(day, rng.choice([0, 1]))
        at = step(day, 16)
        if at is None:
            continue
        actions.review(office, app, approve=True, secrecy_checked=True, at=at)
        day = tl.later(day, rng.choice([0, 1, 1, 2]))
        at = step(day, 17)
        if at is None:
            continue
        method = (
            "email"
            if payload["delivery_form"] == "email"
            else rng.choice(["ems", "direct", "registered_mail"])
        )
        proof = {
            "email": "已发送至申请人预留邮箱",
            "ems": f"EMS {rng.randint(10**12, 10**13 - 1)}",
            "direct": "申请人本人签收",
            "registered_mail": f"挂号信 XA{rng.randint(10**8, 10**9 - 1)}CN",
        }[method]
        actions.deliver(office, app, method=method, proof=proof, at=at)
        if outcome == O.DISCLOSED and rng.random() < 0.05:
            at = step(tl.later(day, 2))
            if at:
                actions.mark_for_proactive_disclosure(
                    office, app, reason="同类申请较多，依条例第四十四条纳入主动公开", at=at
                )
        if outcome not in (O.DISCLOSED,) and rng.random() < 0.12:
            filed = tl.later(day, rng.randint(10, 40))
            if filed < today:
                kind = rng.choice(["review", "review", "litigation_direct", "litigation_after_review"])
                remedy = actions.file_remedy(
                    office,
                    app,
                    kind=kind,
                    filed_on=filed,
                    body="恩施市人民政府" if kind == "review" else "恩施市人民法院",
                    at=tl.at(filed),
                )
                decided = tl.later(filed, rng.randint(20, 60))
                if decided < today:
                    actions.decide_remedy(
                        office,
                        remedy,
                        result=rng.choice(["upheld", "upheld", "upheld", "corrected", "other"]),
                        decided_on=decided,
                        at=tl.at(decided),
                    )
    return counts


def load(stdout):
    if Application.objects.exists():
        stdout.write(f"  依申请公开：已有 {Application.objects.count()} 件，跳过")
        return None
    if not Department.objects.filter(name__in=list(TOPICS)).exists():
        stdout.write("  依申请公开：缺少部门演示数据，跳过")
        return None
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _build(stdout)
    total = Application.objects.count()
    open_ = Application.objects.open().count()
    stdout.write(f"  依申请公开：{total} 件申请（在办 {open_} 件），2024 年 12 月中旬至今")
    return None
