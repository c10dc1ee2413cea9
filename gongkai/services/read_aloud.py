"""What read-aloud reads on the 主题服务 pages (gongkai/readaloud/sources.py): the 办事指南 of an item, the answer
of a 问答, the steps of an 操作指引 — the same fragments and the same public filters as the views."""

from gongkai.org import sites
from gongkai.readaloud.sources import Readable

from .models import Guide, Question, ServiceItem


def _public(queryset, request):
    # request None: the prune job asks whether the object is public on any site
    return (
        queryset
        if request is None
        else sites.public_filter(queryset, sites.current_site(request), "department")
    )


def item(key, request):
    obj = (
        _public(ServiceItem.objects.published(), request)
        .select_related("department")
        .prefetch_related("themes")
        .filter(code=key)
        .first()
    )
    return obj and Readable(obj.name, "services/includes/item_guide.html", {"item": obj})


def question(key, request):
    if not key.isdecimal():
        return None
    obj = _public(Question.objects.filter(published=True), request).filter(pk=key).first()
    return obj and Readable(obj.question, "services/includes/question_answer.html", {"question": obj})


def guide(key, request):
    if not key.isdecimal():
        return None
    obj = _public(Guide.objects.filter(live=True), request).filter(pk=key).first()
    if obj is None:
        return None
    steps = obj.steps.select_related("image").all()
    return Readable(obj.title, "services/includes/guide_steps.html", {"guide": obj, "steps": steps})


SOURCES = {"fuwu-shixiang": item, "fuwu-wenda": question, "fuwu-zhinan": guide}
