"""What the site-wide search receives from this app: public records only, with the agreed keys."""

from datetime import date

from gongkai.services.models import ItemStatus, Question
from gongkai.services.search_sources import search_documents


def test_documents_cover_published_items_and_questions_only(edu, themes, make_item):
    make_item(edu, "教师资格认定", themes=[themes["jiaoyu"]])
    make_item(edu, "民办学校审批（新办）", status=ItemStatus.DRAFT)
    Question.objects.create(
        question="教师资格证补发怎么办？",
        answer="向原发证机关申请补发。",
        theme=themes["jiaoyu"],
        department=edu,
        published_on=date(2026, 4, 2),
    )
    Question.objects.create(
        question="内部问题", answer="不公开", department=edu, published=False, published_on=date(2026, 4, 3)
    )
    pairs = list(search_documents())
    docs = [doc for _, doc in pairs]
    assert [(d.kind, d.title) for d in docs] == [
        ("service", "教师资格认定"),
        ("qa", "教师资格证补发怎么办？"),
    ]
    item = docs[0]
    assert item.department_name == "恩施市教育局" and item.topic == "教育"
    assert "收费标准：不收费" in item.body and item.url.startswith("/fuwu/shixiang/")
    assert isinstance(item.published, date)
    assert docs[1].published == date(2026, 4, 2)
