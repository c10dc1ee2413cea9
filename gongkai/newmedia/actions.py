"""Every state change of 政务新媒体 goes through one of these functions: atomic, permission-checked, one audit
record each (Zulip's do_* pattern)."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from gongkai.core import audit, roles, textcheck
from gongkai.core.refusals import NotPermitted
from gongkai.org import sites

from . import clock, rules
from .forms import CHANGEABLE_FIELDS, clean_proposal
from .models import (
    Account,
    AccountStatus,
    Application,
    ApplicationKind,
    ApplicationState,
    Post,
    PostSource,
    Push,
    PushTarget,
)


def _check_department(actor, department):
    """Department staff act for their own department only; the office for the departments of its site."""
    if roles.sees_all_departments(actor):
        if not sites.may_see_site(actor, department.site_id):
            raise NotPermitted("只能办理本网站部门的政务新媒体事项。")
        return
    own = roles.user_department(actor)
    if own is None or own.pk != department.pk:
        raise NotPermitted("只能办理本部门的政务新媒体事项。")


def _check_office(actor, department=None):
    if not roles.sees_all_departments(actor):
        raise NotPermitted("此操作须由政务公开办办理。")
    if department is not None and not sites.may_see_site(actor, department.site_id):
        raise NotPermitted("只能办理本网站部门的政务新媒体事项。")


def _account_snapshot(account):
    return {
        "status": account.status,
        **{name: getattr(account, name) for name in CHANGEABLE_FIELDS},
    }


# --- applications (开设、变更、关停) -------------------------------------------------------------------------


@transaction.atomic
def submit_application(actor, *, kind, department, reason, checklist=(), proposal=None, account=None):
    """File an opening, change or closing application under review (国办发〔2018〕123号: 开设、变更、关停均须备案)."""
    kind = ApplicationKind(kind)
    _check_department(actor, department)
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "请填写申请理由。"
    keys = {key for key, _ in rules.conditions_for(kind)}
    checklist = sorted(set(checklist or ()) & keys)
    cleaned = {}
    if account is not None:
        account = Account.objects.select_for_update().get(pk=account.pk)
    if kind == ApplicationKind.OPEN:
        try:
            cleaned = clean_proposal(proposal or {})
            rules.check_one_per_platform(department, cleaned["platform"], cleaned.get("exception_reason"))
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    else:
        if account is None:
            errors["account"] = "请选择账号。"
        elif account.department_id != department.pk:
            errors["account"] = "该账号不属于本部门。"
        elif kind == ApplicationKind.CHANGE:
            if account.status == AccountStatus.CLOSED:
                errors["account"] = "该账号已关停，不能变更。"
            try:
                merged = {**_account_snapshot(account), "platform": account.platform, **(proposal or {})}
                cleaned = clean_proposal(merged, change=True)
                cleaned = {k: v for k, v in cleaned.items() if getattr(account, k) != v}
                if not cleaned:
                    errors["proposal"] = "未填写任何变更内容。"
            except ValidationError as exc:
                errors.update({k: v[0] for k, v in exc.message_dict.items()})
        else:
            try:
                rules.check_can_close(account)
            except ValidationError as exc:
                errors.update({k: v[0] for k, v in exc.message_dict.items()})
        if account is not None and "account" not in errors:
            if account.applications.filter(state=ApplicationState.SUBMITTED).exists():
                errors["account"] = "该账号已有待审核的申请。"
    if errors:
        raise ValidationError(errors)
    application = Application.objects.create(
        kind=kind,
        department=department,
        account=account,
        proposal=cleaned,
        reason=reason.strip(),
        checklist=checklist,
        submitted_by=actor,
        submitted_at=clock.now(),
    )
    audit.record(
        actor,
        "newmedia.application_submit",
        application,
        after={"kind": kind.value, "state": application.state, "proposal": cleaned, "checklist": checklist},
    )
    return application


@transaction.atomic
def approve_application(actor, application, note=""):
    """The office approves: every condition must be met; opening creates the account, change applies the proposal,
    closing (only after a published 停更公告) closes the account."""
    _check_office(actor, application.department)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state != ApplicationState.SUBMITTED:
        raise ValidationError({"state": "该申请已审核，不能重复审核。"})
    missing = rules.missing_conditions(application.kind, application.checklist)
    if missing:
        raise ValidationError({"checklist": "以下条件尚未满足：" + "；".join(missing)})
    now = clock.now()
    account_before = None
    if application.kind == ApplicationKind.OPEN:
        proposal = application.proposal
        rules.check_one_per_platform(
            application.department, proposal["platform"], proposal.get("exception_reason")
        )
        account = Account.objects.create(department=application.department, opened_at=now, **proposal)
        application.account = account
    else:
        account = Account.objects.select_for_update().get(pk=application.account_id)
        account_before = _account_snapshot(account)
        if application.kind == ApplicationKind.CHANGE:
            if "exception_reason" in application.proposal or "name" in application.proposal:
                rules.check_one_per_platform(
                    account.department,
                    account.platform,
                    application.proposal.get("exception_reason", account.exception_reason),
                    exclude_pk=account.pk,
                )
            for name, value in application.proposal.items():
                setattr(account, name, value)
        else:
            rules.check_can_close(account)
            account.status = AccountStatus.CLOSED
            account.closed_at = now
        account.save()
    application.state = ApplicationState.APPROVED
    application.decided_by = actor
    application.decided_at = now
    application.decision_note = note
    application.save()
    audit.record(
        actor,
        "newmedia.application_approve",
        application,
        before={"state": ApplicationState.SUBMITTED, "account": account_before},
        after={"state": application.state, "account_id": account.pk, "account": _account_snapshot(account)},
        note=note,
    )
    return application


@transaction.atomic
def reject_application(actor, application, note):
    """The office returns an application, with its reasons."""
    _check_office(actor)
    if not (note or "").strip():
        raise ValidationError({"decision_note": "退回须写明理由。"})
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state != ApplicationState.SUBMITTED:
        raise ValidationError({"state": "该申请已审核，不能重复审核。"})
    application.state = ApplicationState.REJECTED
    application.decided_by = actor
    application.decided_at = clock.now()
    application.decision_note = note.strip()
    application.save()
    audit.record(
        actor,
        "newmedia.application_reject",
        application,
        before={"state": ApplicationState.SUBMITTED},
        after={"state": application.state},
        note=application.decision_note,
    )
    return application


@transaction.atomic
def publish_closing_notice(actor, account, *, notice_url, published_at=None):
    """RULES.md §5: before closing, the account publishes a 停更公告; we record its link and time."""
    _check_department(actor, account.department)
    account = Account.objects.select_for_update().get(pk=account.pk)
    if account.status != AccountStatus.ACTIVE:
        raise ValidationError({"account": "只有在运营的账号可以发布停更公告。"})
    if not (notice_url or "").startswith(("http://", "https://")):
        raise ValidationError({"notice_url": "请填写停更公告的链接（http:// 或 https:// 开头）。"})
    now = clock.now()
    published_at = published_at or now
    if published_at > now:
        raise ValidationError({"published_at": "公告发布时间不能晚于当前时间。"})
    account.status = AccountStatus.CLOSING_NOTICE
    account.closing_notice_url = notice_url
    account.closing_notice_at = published_at
    account.save(update_fields=["status", "closing_notice_url", "closing_notice_at"])
    audit.record(
        actor,
        "newmedia.closing_notice",
        account,
        before={"status": AccountStatus.ACTIVE},
        after={"status": account.status, "notice_url": notice_url, "notice_at": published_at},
    )
    return account


@transaction.atomic
def register_existing_accounts(actor, accounts):
    """Take over the registry the city already keeps (全国政务新媒体信息报送系统 export) in one step: the accounts
    were opened before this platform existed, so there is no application to approve; the one-account rule still
    holds, within the batch and against what is stored."""
    if actor is not None:
        _check_office(actor)
    seen = {}
    for account in accounts:
        key = (account.department_id, account.platform)
        stored = rules.same_platform_accounts(account.department, account.platform).exists()
        if (stored or key in seen) and not account.exception_reason.strip():
            raise ValidationError(
                {
                    "exception_reason": "“%(name)s”：%(dept)s在该平台已有账号“%(other)s”，须填写例外理由。"
                    % {"name": account.name, "dept": account.department, "other": seen.get(key, "（已登记）")}
                }
            )
        seen[key] = account.name
    created = Account.objects.bulk_create(accounts)
    audit.record(
        actor,
        "newmedia.registry_import",
        object_type="newmedia.account",
        object_id=",".join(str(a.pk) for a in created if a.pk)[:64],
        object_repr=f"导入已有账号 {len(created)} 个",
        after={"accounts": [f"{a.department.name}·{a}" for a in created]},
    )
    return created


# --- posts (更新记录) ------------------------------------------------------------------------------------


@dataclass
class PostItem:
    """A post as read from a feed, a spreadsheet or a form, before it is stored."""

    title: str
    published_at: datetime.datetime
    url: str = ""
    summary: str = ""
    external_id: str = ""

    def key(self):
        return (self.external_id or self.url or f"{self.published_at.isoformat()}|{self.title}")[:500]


@dataclass
class ImportResult:
    added: int = 0
    duplicates: int = 0
    flagged: int = 0
    skipped: list = field(default_factory=list)

    def summary(self):
        text = f"新增 {self.added} 条，已存在 {self.duplicates} 条"
        if self.flagged:
            text += f"，{self.flagged} 条预检有发现、待公开办核查"
        if self.skipped:
            text += f"，跳过 {len(self.skipped)} 条"
        return text + "。"


def precheck(post):
    """MISSION B1 / issue 8 §4: imported post text goes through the disclosure pre-check (sensitive words, serious
    wording errors, personal data). Posts with findings are flagged for the office; they are stored all the same,
    because the post is already out on the platform and the office must see it to have it corrected."""
    text = post.title if not post.summary else f"{post.title}\n{post.summary}"
    return [f.as_dict() for f in textcheck.check_text(text)]


def refresh_last_post(account):
    last = account.posts.aggregate(last=Max("published_at"))["last"]
    Account.objects.filter(pk=account.pk).update(last_post_at=last)
    account.last_post_at = last
    return last


@transaction.atomic
def import_posts(actor, account, items, *, source):
    """Store new posts of an account (new = not already stored under the same feed id or link), never touching
    those already stored, and derive the account's last update from them."""
    if actor is not None:
        _check_department(actor, account.department)
    if account.status == AccountStatus.CLOSED:
        raise ValidationError({"account": "该账号已关停，不再登记更新。"})
    now = clock.now()
    result = ImportResult()
    existing = set(account.posts.values_list("external_id", flat=True))
    new_posts = []
    for item in items:
        if item.published_at > now + datetime.timedelta(hours=1):
            # 伪造发稿日期 is a national veto item: a post dated in the future is refused, not stored.
            result.skipped.append(f"“{item.title[:30]}”的发布时间晚于当前时间，未登记。")
            continue
        key = item.key()
        if key in existing:
            result.duplicates += 1
            continue
        existing.add(key)
        post = Post(
            account=account,
            title=item.title[:300],
            published_at=item.published_at,
            url=item.url[:1000],
            summary=item.summary,
            external_id=key,
            source=source,
        )
        post.findings = precheck(post)
        post.needs_review = bool(post.findings)
        result.flagged += post.needs_review
        new_posts.append(post)
    Post.objects.bulk_create(new_posts)
    result.added = len(new_posts)
    before = account.last_post_at
    refresh_last_post(account)
    if result.added:
        audit.record(
            actor,
            "newmedia.posts_import",
            account,
            before={"last_post_at": before},
            after={
                "source": PostSource(source).value,
                "added": result.added,
                "flagged": result.flagged,
                "last_post_at": account.last_post_at,
            },
        )
    return result


def add_post(actor, account, *, title, published_at, url=""):
    """An operator records one post by hand."""
    errors = {}
    if not (title or "").strip():
        errors["title"] = "请填写标题。"
    if published_at is None:
        errors["published_at"] = "请填写发布时间。"
    elif published_at > clock.now():
        errors["published_at"] = "发布时间不能晚于当前时间。"
    if url and not url.startswith(("http://", "https://")):
        errors["url"] = "链接须以 http:// 或 https:// 开头。"
    if errors:
        raise ValidationError(errors)
    item = PostItem(title=title.strip(), published_at=published_at, url=url)
    result = import_posts(actor, account, [item], source=PostSource.MANUAL)
    if result.duplicates:
        raise ValidationError({"url": "该条更新已登记过。"})
    return result


@transaction.atomic
def review_post(actor, post, note=""):
    """The office has looked at a post whose pre-check found something, and records that it did."""
    _check_office(actor, post.account.department)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if not post.needs_review:
        raise ValidationError({"post": "该条更新无需核查。"})
    post.needs_review = False
    post.reviewed_by = actor
    post.reviewed_at = clock.now()
    post.save(update_fields=["needs_review", "reviewed_by", "reviewed_at"])
    audit.record(
        actor,
        "newmedia.post_review",
        post,
        before={"needs_review": True},
        after={"needs_review": False},
        note=note,
    )
    return post


# --- pushes (专项信息推送, MISSION F9) ---------------------------------------------------------------------


@transaction.atomic
def create_push(actor, *, title, summary, deadline, accounts, page=None, link_url=""):
    """The office pushes a special topic to chosen accounts, with a deadline for carrying it."""
    _check_office(actor)
    errors = {}
    if not (title or "").strip():
        errors["title"] = "请填写标题。"
    if not (summary or "").strip():
        errors["summary"] = "请填写摘要。"
    if page is None and not link_url:
        errors["link_url"] = "请关联一条政府信息或填写信息链接。"
    elif link_url and not link_url.startswith(("http://", "https://", "/")):
        errors["link_url"] = "链接须以 http://、https:// 或 / 开头。"
    if deadline is None:
        errors["deadline"] = "请填写转发截止日期。"
    elif deadline < rules.local_date(clock.now()):
        errors["deadline"] = "截止日期不能早于今天。"
    accounts = list(accounts)
    if not accounts:
        errors["accounts"] = "请至少选择一个账号。"
    elif any(a.status != AccountStatus.ACTIVE for a in accounts):
        errors["accounts"] = "只能推送给在运营的账号。"
    elif any(not sites.may_see_site(actor, a.department.site_id) for a in accounts):
        errors["accounts"] = "只能推送给本网站部门的账号。"
    if errors:
        raise ValidationError(errors)
    push = Push.objects.create(
        title=title.strip(),
        summary=summary.strip(),
        page=page,
        link_url=link_url,
        deadline=deadline,
        created_by=actor,
        created_at=clock.now(),
    )
    PushTarget.objects.bulk_create([PushTarget(push=push, account=a) for a in accounts])
    audit.record(
        actor,
        "newmedia.push_create",
        push,
        after={
            "deadline": deadline,
            "accounts": sorted(a.pk for a in accounts),
            "page": page.pk if page else None,
        },
    )
    return push


@transaction.atomic
def confirm_push(actor, target, *, post_url):
    """The target's department confirms it carried the push, with the link of its post."""
    target = PushTarget.objects.select_for_update().select_related("account__department").get(pk=target.pk)
    _check_department(actor, target.account.department)
    if not (post_url or "").startswith(("http://", "https://")):
        raise ValidationError({"post_url": "请填写转发文章的链接（http:// 或 https:// 开头）。"})
    before = {"post_url": target.post_url, "confirmed_at": target.confirmed_at}
    target.post_url = post_url
    target.confirmed_at = clock.now()
    target.confirmed_by = actor
    target.save(update_fields=["post_url", "confirmed_at", "confirmed_by"])
    audit.record(
        actor,
        "newmedia.push_confirm",
        target,
        before=before,
        after={"post_url": post_url, "confirmed_at": target.confirmed_at},
    )
    return target


# --- reminders ---------------------------------------------------------------------------------------------


@transaction.atomic
def record_reminder(account, level, at, recipients):
    """A reminder went to the owning department; recorded so the next one waits (and for the audit trail)."""
    before = {"reminded_level": account.reminded_level, "reminded_at": account.reminded_at}
    Account.objects.filter(pk=account.pk).update(reminded_level=level, reminded_at=at)
    account.reminded_level, account.reminded_at = level, at
    audit.record(
        None,
        "newmedia.remind",
        account,
        before=before,
        after={"reminded_level": level, "reminded_at": at, "recipients": len(recipients)},
    )
