"""The rules of 依申请公开 that are not the clock (RULES.md §2; 《政府信息公开条例》国务院令第711号, 2019).

- Outcomes: exactly the leaves of annual-report table 三 (国办公开办函〔2021〕30号), one per closed case, each with
  the article it rests on.
- Fees: 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号): by count per applicant per calendar month, or by pages
  per request — never both for one request.
- The state machine: `Status` and `TRANSITIONS`, which action each state allows and who may do it — the one table
  the action functions check (`require`, `check`) and the workbench offers from (`allowed_actions`).
- Periods the law leaves to the agency or that are recalled, not read ([R]/[L] in RULES.md), are settings with the
  rule's value as default, read at call time.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.refusals import Refused


def setting(name, default):
    """An FOI setting (`GONGKAI_FOI_<NAME>`), read at call time so tests and operators can change it."""
    return getattr(settings, f"GONGKAI_FOI_{name}", default)


# --- periods (working days) --------------------------------------------------------------------------------
ANSWER_DAYS = 20  # Art. 33 [V]
MAX_EXTENSION_DAYS = 20  # Art. 33 [V]
CORRECTION_NOTICE_DAYS = 7  # Art. 30 [R]
CONSULTATION_DAYS = 15  # Arts. 32, 34 [V/R]
FEE_PAYMENT_DAYS = 20  # 109号 [V]


def correction_period_days():
    """The "reasonable period" for 补正 is the agency's to set (Art. 30) [L]; default 15 working days."""
    return setting("CORRECTION_PERIOD_DAYS", 15)


def fee_period_pauses_clock():
    """Whether the fee payment period is left out of the answer deadline (109号, [R]): default yes."""
    return setting("FEE_PAUSES_CLOCK", True)


def due_soon_days():
    """A case with this many working days or fewer left is shown yellow (issue 5: 5)."""
    return setting("DUE_SOON_DAYS", 5)


def duplicate_minutes():
    """A second submission of the same text by the same applicant within this many minutes is a double click."""
    return setting("DUPLICATE_MINUTES", 10)


# --- applicants ----------------------------------------------------------------------------------------------
class ApplicantType(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("自然人")
    ORGANIZATION = "organization", _("法人或其他组织")


class OrganizationType(models.TextChoices):
    """The five sub-columns of table 三 under 法人或其他组织 (fixed at intake)."""

    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class Category(models.TextChoices):
    """The six data columns of table 三, in the report's order (总计 is their sum)."""

    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    USCC = "uscc", _("统一社会信用代码")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他证件")


class Channel(models.TextChoices):
    """Intake channels (Arts. 28, 29, 31); the channel decides how the receipt date is fixed (Art. 31)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST_REGISTERED = "post_registered", _("邮寄（需签收）")
    POST_ORDINARY = "post_ordinary", _("平常信函")
    FAX = "fax", _("传真")
    ORAL = "oral", _("口头申请（工作人员代填）")


# Channels whose receipt date is the day of a separate confirmation (Art. 31(二)(三)); the others are received
# on the day they are handed in or signed for.
CONFIRMATION_CHANNELS = {Channel.ONLINE, Channel.FAX, Channel.POST_ORDINARY}


class DeliveryForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    EMAIL = "email", _("电子邮件")
    DISC = "disc", _("光盘")
    ONSITE = "onsite", _("现场查阅")


class DeliveryWay(models.TextChoices):
    POST = "post", _("邮寄")
    PICKUP = "pickup", _("自行领取")
    ONLINE = "online", _("网上获取")


class ServiceMethod(models.TextChoices):
    """How the reply was served (国办公开办函〔2016〕235号): direct, by the postal enterprise, or electronically."""

    DIRECT = "direct", _("直接送达（签收）")
    EMS = "ems", _("邮政EMS")
    REGISTERED_MAIL = "registered_mail", _("挂号信")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上送达（申请人查询页）")
    ONSITE = "onsite", _("现场查阅")


# --- outcomes: the leaves of table 三 --------------------------------------------------------------------------
class Outcome(models.TextChoices):
    """One per closed case; the label is the table-三 leaf label (国办公开办函〔2021〕30号)."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHELD_STATE_SECRET = "withheld_state_secret", _("属于国家秘密")
    WITHHELD_LAW_PROHIBITS = "withheld_law_prohibits", _("其他法律行政法规禁止公开")
    WITHHELD_SECURITY = "withheld_security", _("危及“三安全一稳定”")
    WITHHELD_THIRD_PARTY = "withheld_third_party", _("保护第三方合法权益")
    WITHHELD_INTERNAL = "withheld_internal", _("属于三类内部事务信息")
    WITHHELD_PROCESS = "withheld_process", _("属于四类过程性信息")
    WITHHELD_ENFORCEMENT = "withheld_enforcement", _("属于行政执法案卷")
    WITHHELD_QUERY = "withheld_query", _("属于行政查询事项")
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", _("本机关不掌握相关政府信息")
    UNAVAILABLE_MUST_CREATE = "unavailable_must_create", _("没有现成信息需要另行制作")
    UNAVAILABLE_UNCLEAR = "unavailable_unclear", _("补正后申请内容仍不明确")
    NOT_HANDLED_PETITION = "not_handled_petition", _("信访举报投诉类申请")
    NOT_HANDLED_REPEAT = "not_handled_repeat", _("重复申请")
    NOT_HANDLED_PUBLICATION = "not_handled_publication", _("要求提供公开出版物")
    NOT_HANDLED_MASS = "not_handled_mass", _("无正当理由大量反复申请")
    NOT_HANDLED_CONFIRM = "not_handled_confirm", _("要求行政机关确认或重新出具已获取信息")
    OTHER_NO_CORRECTION = (
        "other_no_correction",
        _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_UNPAID = "other_unpaid", _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    OTHER = "other", _("其他")


# (table-三 group label, outcomes in the group's row order); the numbering of sub-rows is 1., 2., …
OUTCOME_GROUPS = [
    ("（一）予以公开", [Outcome.DISCLOSED]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [Outcome.PARTIAL]),
    (
        "（三）不予公开",
        [
            Outcome.WITHHELD_STATE_SECRET,
            Outcome.WITHHELD_LAW_PROHIBITS,
            Outcome.WITHHELD_SECURITY,
            Outcome.WITHHELD_THIRD_PARTY,
            Outcome.WITHHELD_INTERNAL,
            Outcome.WITHHELD_PROCESS,
            Outcome.WITHHELD_ENFORCEMENT,
            Outcome.WITHHELD_QUERY,
        ],
    ),
    (
        "（四）无法提供",
        [Outcome.UNAVAILABLE_NOT_HELD, Outcome.UNAVAILABLE_MUST_CREATE, Outcome.UNAVAILABLE_UNCLEAR],
    ),
    (
        "（五）不予处理",
        [
            Outcome.NOT_HANDLED_PETITION,
            Outcome.NOT_HANDLED_REPEAT,
            Outcome.NOT_HANDLED_PUBLICATION,
            Outcome.NOT_HANDLED_MASS,
            Outcome.NOT_HANDLED_CONFIRM,
        ],
    ),
    ("（六）其他处理", [Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_UNPAID, Outcome.OTHER]),
]


def outcome_group(outcome):
    for label, members in OUTCOME_GROUPS:
        if outcome in members:
            return label
    raise ValueError(outcome)


# The legal basis each reply letter cites (《政府信息公开条例》; 109号 for fees). Legal staff may refine the wording.
LEGAL_BASIS = {
    Outcome.DISCLOSED: "《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项",
    Outcome.PARTIAL: "《中华人民共和国政府信息公开条例》第三十七条",
    Outcome.WITHHELD_STATE_SECRET: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    Outcome.WITHHELD_LAW_PROHIBITS: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    Outcome.WITHHELD_SECURITY: "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    Outcome.WITHHELD_THIRD_PARTY: "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
    Outcome.WITHHELD_INTERNAL: "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
    Outcome.WITHHELD_PROCESS: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    Outcome.WITHHELD_ENFORCEMENT: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    Outcome.WITHHELD_QUERY: "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    Outcome.UNAVAILABLE_NOT_HELD: "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项",
    Outcome.UNAVAILABLE_MUST_CREATE: "《中华人民共和国政府信息公开条例》第三十八条",
    Outcome.UNAVAILABLE_UNCLEAR: "《中华人民共和国政府信息公开条例》第三十条",
    Outcome.NOT_HANDLED_PETITION: "《中华人民共和国政府信息公开条例》第三十九条第一款",
    Outcome.NOT_HANDLED_REPEAT: "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    Outcome.NOT_HANDLED_PUBLICATION: "《中华人民共和国政府信息公开条例》第三十九条第二款",
    Outcome.NOT_HANDLED_MASS: "《中华人民共和国政府信息公开条例》第三十五条",
    Outcome.NOT_HANDLED_CONFIRM: "《中华人民共和国政府信息公开条例》第三十六条",
    Outcome.OTHER_NO_CORRECTION: "《中华人民共和国政府信息公开条例》第三十条",
    Outcome.OTHER_UNPAID: "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    Outcome.OTHER: "《中华人民共和国政府信息公开条例》",
}

# What the reply letter tells the applicant, per outcome (the 告知 of Arts. 36–39; 江苏 规范 templates as model).
LETTER_DECISION = {
    Outcome.DISCLOSED: "经审查，您申请获取的政府信息属于公开范围，现予以公开，具体内容见本告知书附件或下列答复内容。",
    Outcome.PARTIAL: "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，现向您提供可以公开的部分；不予公开部分的理由如下。",
    Outcome.WITHHELD_STATE_SECRET: "经审查，您申请获取的政府信息属于国家秘密，依法不予公开。",
    Outcome.WITHHELD_LAW_PROHIBITS: "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的信息，依法不予公开。",
    Outcome.WITHHELD_SECURITY: "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。",
    Outcome.WITHHELD_THIRD_PARTY: "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，依法不予公开。",
    Outcome.WITHHELD_INTERNAL: "经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息，不予公开。",
    Outcome.WITHHELD_PROCESS: "经审查，您申请获取的政府信息属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，不予公开。",
    Outcome.WITHHELD_ENFORCEMENT: "经审查，您申请获取的政府信息属于行政执法案卷信息，不予公开。",
    Outcome.WITHHELD_QUERY: "经审查，法律、行政法规对您申请获取的信息的获取另有规定，请依照有关法律、行政法规的规定办理。",
    Outcome.UNAVAILABLE_NOT_HELD: "经检索，本机关不掌握您申请获取的政府信息；如能确定负责公开的机关，其名称和联系方式见下文。",
    Outcome.UNAVAILABLE_MUST_CREATE: "经审查，本机关没有您申请获取的现成信息，提供需要另行制作或对现有信息进行加工、分析，本机关不予提供。",
    Outcome.UNAVAILABLE_UNCLEAR: "本机关已告知您补正，补正后申请内容仍不明确，无法确定您申请获取的政府信息，本机关无法提供。",
    Outcome.NOT_HANDLED_PETITION: "您以政府信息公开申请的形式进行信访、投诉、举报，本机关不作为政府信息公开申请处理，请通过信访、投诉、举报渠道提出。",
    Outcome.NOT_HANDLED_REPEAT: "本机关已就您申请获取的相同政府信息作出答复，您重复申请，本机关不予重复处理。",
    Outcome.NOT_HANDLED_PUBLICATION: "您申请获取的信息属于政府公报、报刊、书籍等公开出版物，请通过公开出版渠道获取。",
    Outcome.NOT_HANDLED_MASS: "您的申请数量、频次明显超过合理范围，且未说明合理理由，本机关不予处理。",
    Outcome.NOT_HANDLED_CONFIRM: "您要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请的范围，本机关不予处理。",
    Outcome.OTHER_NO_CORRECTION: "本机关已告知您补正，您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
    Outcome.OTHER_UNPAID: "本机关已向您发出收费通知，您逾期未按通知要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。",
    Outcome.OTHER: "本机关对您的申请作出如下处理。",
}

# Every decision can be challenged (Art. 51), so every letter states the remedies [R: wording for legal staff].
REMEDY_TEXT = (
    "如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
    "或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。"
)


# --- remedies (table 四) ---------------------------------------------------------------------------------------
class RemedyKind(models.TextChoices):
    REVIEW = "review", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER_REVIEW = "litigation_after_review", _("行政诉讼（复议后起诉）")


class RemedyResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


# --- fees (国办函〔2020〕109号) ------------------------------------------------------------------------------------
class FeeMethod(models.TextChoices):
    BY_COUNT = "count", _("按件计收")
    BY_PAGES = "pages", _("按量计收")


def fee_by_count(nth_in_month):
    """109号 按件: the n-th request of one applicant in one calendar month (across channels). ≤10 free; 11–30
    100元 each; from the 31st one band per 10 requests, each band 100元 more per request."""
    if nth_in_month <= 10:
        return 0
    if nth_in_month <= 30:
        return 100
    return 100 + 100 * ((nth_in_month - 31) // 10 + 1)


def fee_by_pages(pages):
    """109号 按量, per request, progressive: ≤30 pages free; the part from 31 to 100 at 10元/page; 101–200 at
    20元/page; above 200 at 40元/page."""
    total = 0
    for low, high, price in ((30, 100, 10), (100, 200, 20), (200, None, 40)):
        if pages > low:
            total += ((min(pages, high) if high else pages) - low) * price
    return total


# --- the state machine (issue 16 item 5) -------------------------------------------------------------------------
class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待确认")
    RECEIVED = "received", _("已受理，待分办")
    CORRECTION = "correction", _("待补正")
    ASSIGNED = "assigned", _("办理中")
    CONSULTATION = "consultation", _("征求意见中")
    FEE = "fee", _("待缴费")
    REPLIED = "replied", _("部门已答复，待审核")
    APPROVED = "approved", _("已审核，待送达")
    CLOSED = "closed", _("已办结")


class ActionError(Refused):
    """A refused action, with the Chinese reason shown to the staff member (409 when no view catches it)."""


# Who may do an action. `None` as the actor is the system (the demo, imports, the periodic job): it passes every test.
OFFICE = "office"  # 政务公开办 (or a superuser), on the cases of its own site
HANDLER = "handler"  # the office, or staff of the department the case is assigned to
HEAD = "head"  # 政务公开办负责人 (Art. 33: an extension is approved by the head of the office), of the case's site
SITE = "site"  # anyone working on the case's site, and the system
HEAD_OR_SUPERUSER = "head_or_superuser"  # only as `offered_to`: the workbench offers 延期 to superusers too
ANYONE = (
    "anyone"  # only as `offered_to`: whoever may open the case page (the action function checks the role)
)


@dataclass(frozen=True)
class Transition:
    """One action on a case: the states it accepts, the state it leaves the case in, who may do it.

    `offered_in` / `offered_to` narrow where and to whom the workbench offers the action when that is narrower than
    what the action function accepts (kept as it was before the table; see docs/foi.md). `assigned_sources`: the
    states accepted once the case has a department, where they differ. `blocker` names a condition besides the state
    that rules the action out (its refusal message or None); `refusal` replaces the standard state message.
    `listed`: one of the forms under 可办理的操作 (the others have their own place on the case page)."""

    label: str
    sources: frozenset
    target: str | None  # None: depends (back where it came from, or unchanged)
    who: str
    refusal: str = ""
    assigned_sources: frozenset | None = None
    offered_in: frozenset | None = None
    offered_to: str | None = None
    blocker: object = None
    listed: bool = True


def _correction_told(case):
    if case.events.filter(kind="correction_requested").exists():
        return "补正应一次性告知，本申请已告知过补正。"
    return None


def _not_for_proactive(case):
    if case.outcome not in (Outcome.DISCLOSED, Outcome.PARTIAL):
        return "只有予以公开或部分公开的答复可以转为主动公开。"
    if case.marked_for_proactive:
        return "已决定转为主动公开。"
    return None


S = Status
EVERY_STATUS = frozenset(S)
_RELEASED = frozenset({S.RECEIVED, S.ASSIGNED, S.CONSULTATION, S.REPLIED})

# In the order the workbench lists them.
TRANSITIONS = {
    "confirm": Transition("确认收到", frozenset({S.SUBMITTED}), S.RECEIVED, OFFICE),
    "correction": Transition(
        "告知补正", frozenset({S.RECEIVED, S.ASSIGNED}), S.CORRECTION, OFFICE, blocker=_correction_told
    ),
    # back to 已受理 or 办理中, whichever it came from
    "correction_received": Transition("收到补正", frozenset({S.CORRECTION}), None, SITE, offered_to=OFFICE),
    "assign": Transition("分办", frozenset({S.RECEIVED}), S.ASSIGNED, OFFICE),
    "transfer": Transition("转办", frozenset({S.ASSIGNED, S.REPLIED}), S.ASSIGNED, OFFICE),
    "fee": Transition("发出收费通知", frozenset({S.ASSIGNED, S.REPLIED}), S.FEE, OFFICE),
    "paid": Transition("登记缴费", frozenset({S.FEE}), None, OFFICE),  # back where the notice found it
    "close_lapsed": Transition(
        "逾期办结",
        frozenset({S.CORRECTION, S.FEE}),
        S.CLOSED,
        SITE,
        refusal="只有待补正或待缴费的申请会因逾期而办结。",
        offered_to=OFFICE,
    ),
    "review": Transition(
        "审核答复", frozenset({S.REPLIED}), None, OFFICE
    ),  # 已审核, or back to 办理中/已受理
    "deliver": Transition("登记送达并办结", frozenset({S.APPROVED}), S.CLOSED, OFFICE),
    "proactive": Transition(
        "转为主动公开",
        EVERY_STATUS,
        None,
        OFFICE,
        offered_in=frozenset({S.APPROVED, S.CLOSED}),
        blocker=_not_for_proactive,
    ),
    "remedy": Transition("登记行政复议/诉讼", EVERY_STATUS, None, OFFICE, offered_in=frozenset({S.CLOSED})),
    "consult": Transition("征求意见", frozenset({S.ASSIGNED, S.CONSULTATION}), S.CONSULTATION, HANDLER),
    # back to 办理中 when the last open consultation is answered
    "consult_answer": Transition("登记意见", frozenset({S.CONSULTATION}), None, HANDLER),
    # an unassigned case is answered by the office from 已受理; an assigned one by its department from 办理中
    "reply": Transition(
        "提交答复",
        frozenset({S.RECEIVED, S.ASSIGNED}),
        S.REPLIED,
        HANDLER,
        assigned_sources=frozenset({S.ASSIGNED}),
    ),
    "extension": Transition(
        "批准延期",
        EVERY_STATUS - {S.SUBMITTED, S.CLOSED},
        None,
        HEAD,
        refusal="该申请尚未受理或已办结，不能延期。",
        offered_to=HEAD_OR_SUPERUSER,
    ),
    # on the case page beside each pending remedy, and the upload/remove of the reply's released documents
    "remedy_decide": Transition("登记审结结果", EVERY_STATUS, None, OFFICE, offered_to=ANYONE, listed=False),
    "attach_released": Transition(
        "添加答复附件", _RELEASED, None, HANDLER, refusal="答复审核通过后不能再增减答复附件。", listed=False
    ),
    "remove_released": Transition(
        "删除答复附件", _RELEASED, None, HANDLER, refusal="答复审核通过后不能再增减答复附件。", listed=False
    ),
}


def _refusal(actor, case, who):
    """Why `actor` may not act on `case` as `who` requires, or None (the messages the action functions give)."""
    from gongkai.core import roles
    from gongkai.org import sites

    if actor is None or who == ANYONE:
        return None
    site_refusal = None if sites.may_see_site(actor, case.site_id) else "该申请不属于您所在网站，无权办理。"
    if who == SITE:
        return site_refusal
    if who == OFFICE:
        if not roles.sees_all_departments(actor):
            return "只有政务公开办可以执行此操作。"
        return site_refusal
    if who in (HEAD, HEAD_OR_SUPERUSER):
        if not roles.has_role(actor, roles.OFFICE_HEAD) and not (
            who == HEAD_OR_SUPERUSER and getattr(actor, "is_superuser", False)
        ):
            return "延期答复须经政务公开办负责人批准。"
        return site_refusal
    if who == HANDLER:
        if roles.sees_all_departments(actor):
            return site_refusal
        department = roles.user_department(actor)
        if department is None or case.department_id != department.pk:
            return "该申请未分办给您所在的部门。"
        return None
    raise ValueError(who)


def _accepted(case, transition):
    if transition.assigned_sources is not None and case.department_id is not None:
        return transition.assigned_sources
    return transition.sources


def state_refusal(case, action):
    """Why the case's state rules `action` out, or None."""
    transition = TRANSITIONS[action]
    if case.status not in _accepted(case, transition):
        return transition.refusal or f"当前状态为“{case.get_status_display()}”，不能执行此操作。"
    return transition.blocker(case) if transition.blocker else None


def require(actor, case, action):
    """Raise `ActionError` unless `actor` may do `action` on `case` (the role, department and site)."""
    message = _refusal(actor, case, TRANSITIONS[action].who)
    if message:
        raise ActionError(message)


def check(case, action):
    """Raise `ActionError` unless the state of `case` allows `action` now."""
    message = state_refusal(case, action)
    if message:
        raise ActionError(message)


def offered(user, case, action):
    """Whether the workbench offers `action` on `case` to `user` (the action function checks again)."""
    transition = TRANSITIONS[action]
    if case.status not in (transition.offered_in or _accepted(case, transition)):
        return False
    if _refusal(user, case, transition.offered_to or transition.who):
        return False
    return not (transition.blocker and transition.blocker(case))


def allowed_actions(user, case):
    """The forms under 可办理的操作 on the case page, in the table's order."""
    return [action for action, t in TRANSITIONS.items() if t.listed and offered(user, case, action)]
