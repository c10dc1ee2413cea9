"""What read-aloud reads on a 留言详情 page (gongkai/readaloud/sources.py): the published message and its reply,
masked exactly as the board shows them."""

from gongkai.org import sites
from gongkai.readaloud.sources import Readable

from .models import Case
from .views import _board_item


def board_case(key, request):
    cases = Case.objects.on_board().select_related("category", "reply_department")
    if request is not None:
        cases = cases.filter(sites.public_site_q("site", sites.current_site(request)))
    case = cases.filter(code=key).first()
    if case is None:
        return None
    item = _board_item(case)
    return Readable(item["title"], "interaction/includes/case_body.html", {"item": item})


SOURCES = {"liuyan": board_case}
