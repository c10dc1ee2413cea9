"""Notifications through one interface (issue 6 §7): citizens (reply published, rating asked) and staff (assigned,
due soon, escalated). E-mail through Django's mail settings; SMS through a pluggable gateway class named by
`settings.GONGKAI_SMS_GATEWAY` (default: `LoggingSmsGateway`, which writes a log line with the number masked)."""

import abc
import contextlib
import logging
import threading

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.module_loading import import_string

from gongkai.core import roles, siteurl
from gongkai.core.identity import mask

log = logging.getLogger("gongkai.interaction.notify")


class SmsGateway(abc.ABC):
    """Subclass and name it in settings.GONGKAI_SMS_GATEWAY to reach a real SMS platform."""

    @abc.abstractmethod
    def send(self, phone, text):
        """Send `text` to the mobile number `phone`."""


class LoggingSmsGateway(SmsGateway):
    """The demo gateway: logs that a text would be sent, never the full phone number."""

    sent = []  # the last messages, for the demo and the tests (number masked)

    def send(self, phone, text):
        entry = (mask(phone), text)
        LoggingSmsGateway.sent = [*LoggingSmsGateway.sent[-99:], entry]
        log.info("短信（演示网关）发往 %s：%s", entry[0], text)


def sms_gateway():
    path = getattr(settings, "GONGKAI_SMS_GATEWAY", "gongkai.interaction.notify.LoggingSmsGateway")
    return import_string(path)()


QUERY_PATHS = {"message": "/liuyan/chaxun/", "site_error": "/jiucuo/chaxun/", "hotline": "/liuyan/chaxun/"}


def _citizen(case, subject, text):
    if case.email:
        send_mail(subject, text, None, [case.email], fail_silently=True)
    if case.phone and case.phone.startswith("1") and len(case.phone) == 11:
        sms_gateway().send(case.phone, text)


def _staff(department, subject, text, *, office=False):
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if office:
        users = users.filter(groups__name__in=roles.OFFICE_ROLES)
    elif department is not None:
        users = users.filter(staff__department=department)
    else:
        return
    emails = sorted(set(users.values_list("email", flat=True)))
    if emails:
        send_mail(subject, text, None, emails, fail_silently=True)


_muted = threading.local()


@contextlib.contextmanager
def muted():
    """No notifications inside (the demo loader replays a year of cases)."""
    _muted.on = True
    try:
        yield
    finally:
        _muted.on = False


def _later(fn, *args, **kwargs):
    if getattr(_muted, "on", False):
        return
    transaction.on_commit(lambda: fn(*args, **kwargs))


def reply_published(case):
    link = siteurl.absolute(QUERY_PATHS[case.channel], site=case.site_id)  # the site the case was filed on
    text = (
        f"【恩施市政务公开】您的{case.get_channel_display()}（查询码 {case.code}）已答复，"
        f"请凭查询码和查询密码在 {link} 查看并评价。"
    )
    _later(_citizen, case, "您的留言已答复，请评价", text)


def assigned(case):
    text = f"新的{case.get_channel_display()}“{case.title}”（{case.code}）已派至本部门，答复期限 {case.reply_due}。"
    _later(_staff, case.department, "新派单待办理", text)


def supervising(case):
    text = f"{case.code}“{case.title}”群众评价不满意，已转督办，整改期限 {case.supervision_due}。"
    _later(_staff, case.department, "差评督办", text)
    _later(_staff, None, "差评督办", text, office=True)


def due_soon(case, due):
    text = f"{case.code}“{case.title}”将于 {due} 到期，请及时答复。"
    _later(_staff, case.department, "临期提醒", text)


def escalated(case, due):
    text = f"{case.code}“{case.title}”已超过期限 {due} 未答复，已上报政务公开办。"
    _later(_staff, None, "逾期上报", text, office=True)
