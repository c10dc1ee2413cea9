"""Published messages in the site search (issue 6 §5: the public board is searchable), kind 留言.

What goes into the index is what the public board shows of a message — never more: the title and the office's
reply (both with personal data masked, `textcheck.mask_personal_data`), the category, the replying department and
the dates. The citizen's name, phone, e-mail and own text are not indexed at all (the text may name third parties
or be stored encrypted; the board shows it masked, the search does not need it to find the message).

Kept current by the `post_save`/`post_delete` receivers connected in `apps.py` (`case_saved`, `case_deleted`),
after commit: an action that publishes a reply adds the message, one that changes its reply updates it, anything that takes it off
the board removes it. A submission (no reply yet) costs no query here.
"""

from django.db import transaction
from django.utils import timezone

from gongkai.core import textcheck
from gongkai.search import index

from .models import Case

KIND = "message"


def document_for(case):
    reply = textcheck.mask_official_reply(case.reply or "")
    department = case.reply_department.name if case.reply_department_id else ""
    received = timezone.localdate(case.received_at)
    published = timezone.localdate(case.published_at)
    lines = [
        f"留言类别：{case.category.name}" if case.category_id else "",
        f"受理日期：{received:%Y-%m-%d}",
        f"答复日期：{published:%Y-%m-%d}",
        f"答复部门：{department}" if department else "",
        f"答复内容：{reply}",
    ]
    return index.Document(
        kind=KIND,
        title=textcheck.mask_personal_data(case.title),
        number=case.code,
        body="\n".join(line for line in lines if line),
        url=f"/liuyan/{case.code}/",
        department_id=case.reply_department_id,
        department_name=department,
        # no 栏目/主题分类: those filters list the disclosure catalog's columns and topics; 留言 is its own kind
        published=published,
    )


def _board():
    return Case.objects.on_board().select_related("category", "reply_department")


def search_documents():
    for case in _board().order_by("pk").iterator(chunk_size=500):
        yield case, document_for(case)


def update(case_id):
    """Index the message if it is on the public board now, else drop any entry it has."""
    case = _board().filter(pk=case_id).first()
    if case is not None:
        index.update(case, document_for(case))
    else:
        index.remove(Case(pk=case_id))


def case_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or instance.published_at is None:
        # never published (a submission, a case in handling): it cannot be on the board nor in the index
        return
    case_id = instance.pk
    transaction.on_commit(lambda: update(case_id))  # what was committed, as the disclosure items do


def case_deleted(sender, instance, **kwargs):
    case_id = instance.pk
    transaction.on_commit(lambda: index.remove(Case(pk=case_id)))
