"""Related items (F8): up to 6 live items of the same topic, ranked by content similarity of their keywords
(rjieba), computed when an item is published and stored on it — never on the page request."""

import math
import re
from collections import Counter

import rjieba

from .models import GovInfoPage

MAX_RELATED = 6
VECTOR_TERMS = 40
CANDIDATES = 400
STOPWORDS = set(
    "的 了 和 与 及 或 等 在 对 为 是 将 按 由 从 以 于 并 其 该 本 各 有关 进行 工作 相关 要求 根据 按照 通过 加强 "
    "做好 开展 实施 推进 坚持 落实 一 二 三 四 五 六 七 八 九 十 第 条 款 项 年 月 日 市 县 区 镇 乡 人民政府 政府 部门 单位 "
    "同志 我们 你们 他们 这个 那个 已经 可以 应当 不得 以及 其他 一是 二是 三是".split()
)
_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$|^[a-z0-9]{3,}$")


def term_vector(text):
    """The item's top terms with normalised weights (term frequency × a length bonus for specific words)."""
    counts = Counter(
        w.lower() for w in rjieba.cut(text or "") if _WORD.match(w.lower()) and w not in STOPWORDS
    )
    weighted = {w: c * (1 + 0.25 * min(len(w) - 2, 4)) for w, c in counts.items()}
    top = sorted(weighted.items(), key=lambda kv: -kv[1])[:VECTOR_TERMS]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: round(v / norm, 5) for w, v in top}


def similarity(a, b):
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def item_text(page):
    from django.utils.html import strip_tags

    return " ".join(
        [page.title, page.title, page.keywords or "", page.summary or "", strip_tags(page.body or "")]
    )


def rank_related(page, candidates):
    scored = []
    for other in candidates:
        if other.pk == page.pk:
            continue
        score = similarity(page.term_vector, other.term_vector or {})
        if other.topic_id == page.topic_id:
            score += 0.05  # same second-level topic first on ties
        if score > 0:
            scored.append((score, other.published_date, other.pk))
    scored.sort(key=lambda s: (-s[0], -(s[1].toordinal() if s[1] else 0)))
    return [pk for _, _, pk in scored[:MAX_RELATED]]


def update_related(page_id, refresh_neighbours=True):
    page = GovInfoPage.objects.select_related("topic", "department").get(pk=page_id)
    vector = term_vector(item_text(page))
    GovInfoPage.objects.filter(pk=page.pk).update(term_vector=vector)
    page.term_vector = vector
    root_topic_id = page.topic.parent_id or page.topic_id
    candidates = list(
        GovInfoPage.objects.live()
        .filter(withdrawn=False, topic__in=_topic_family(root_topic_id))
        # 集约化: related items come from the item's own site (docs/multisite.md)
        .filter(department__site=page.department.site_id)
        .exclude(pk=page.pk)
        .only("pk", "term_vector", "topic_id", "published_date")
        .order_by("-published_date")[:CANDIDATES]
    )
    related = rank_related(page, candidates)
    GovInfoPage.objects.filter(pk=page.pk).update(related_ids=related)
    if refresh_neighbours:
        for other_id in related:
            update_related(other_id, refresh_neighbours=False)
    return related


def _topic_family(root_id):
    from .models import Topic

    return Topic.objects.filter(pk=root_id) | Topic.objects.filter(parent_id=root_id)
