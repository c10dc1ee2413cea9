"""Theme pages with their four tabs and related-information window, the four entries, items, Q&A, tables."""

import re
from datetime import date

import pytest

from gongkai.services import actions
from gongkai.services.models import DataTable, ItemStatus, Question, ReformKind


@pytest.fixture
def edu_content(edu, themes, make_item):
    item = make_item(
        edu, "教师资格认定", themes=[themes["jiaoyu"]], promised_limit_days=0, legal_limit_days=20
    )
    actions.add_reform(
        None,
        item,
        kind=ReformKind.MATERIALS,
        effective_on=date(2024, 3, 1),
        materials_before=7,
        materials_after=4,
    )
    make_item(
        edu,
        "民办学校审批（新办）",
        status=ItemStatus.DRAFT,
        themes=[themes["jiaoyu"]],
        basis="",
        conditions="",
        hours="",
        phone="",
    )
    question = Question.objects.create(
        question="孩子今年满 6 周岁，义务教育入学怎么报名？",
        answer="每年 7 月在招生平台网上报名，按户籍和实际居住地划片入学。",
        theme=themes["jiaoyu"],
        department=edu,
        published_on=date(2026, 6, 1),
    )
    Question.objects.create(
        question="未公开的问题",
        answer="内部讨论稿",
        theme=themes["jiaoyu"],
        department=edu,
        published=False,
        published_on=date(2026, 6, 2),
    )
    table = DataTable.objects.create(
        title="2026 年秋季城区义务教育学校招生计划",
        theme=themes["jiaoyu"],
        department=edu,
        columns="学校、计划人数",
        rows="恩施市实验小学\t360\n恩施市第一小学\t270\n<script>alert(1)</script>\t1",
        published_on=date(2026, 9, 1),
    )
    return {"item": item, "question": question, "table": table}


def test_index_shows_the_four_entries_and_the_themes(client, edu_content):
    body = client.get("/fuwu/").content.decode()
    for label in ["我要看", "我要办", "我要查", "我要问", "教育", "就业创业"]:
        assert label in body
    assert "办事事项 1 项" in body  # the draft is not counted


def test_theme_tabs_each_show_their_content(client, edu_content):
    banli = client.get("/fuwu/zhuti/jiaoyu/?tab=banli").content.decode()
    assert "教师资格认定" in banli and "民办学校审批（新办）" not in banli
    dayi = client.get("/fuwu/zhuti/jiaoyu/?tab=dayi&q=入学").content.decode()
    assert "义务教育入学怎么报名" in dayi and "未公开的问题" not in dayi
    nothing = client.get("/fuwu/zhuti/jiaoyu/?tab=dayi&q=公积金").content.decode()
    assert "没有找到相关问答" in nothing
    shuju = client.get("/fuwu/zhuti/jiaoyu/?tab=shuju").content.decode()
    assert "招生计划" in shuju
    zhengce = client.get("/fuwu/zhuti/jiaoyu/").content.decode()
    assert 'aria-current="page">政策文件' in zhengce
    # the related-information window gathers items and Q&A on every tab
    assert "相关信息" in zhengce and "教师资格认定" in zhengce and "义务教育入学怎么报名" in zhengce


def test_theme_policies_link_any_published_page(client, edu_content, themes):
    from wagtail.models import Page

    from gongkai.services.models import ThemePolicy

    root = Page.get_first_root_node()
    policy = root.add_child(instance=Page(title="恩施市义务教育招生入学工作实施方案", slug="zsfa"))
    draft = root.add_child(instance=Page(title="未发布的草稿", slug="draft", live=False))
    ThemePolicy.objects.create(theme=themes["jiaoyu"], page=policy)
    ThemePolicy.objects.create(theme=themes["jiaoyu"], page=draft)
    body = client.get("/fuwu/zhuti/jiaoyu/?tab=zhengce").content.decode()
    assert "恩施市义务教育招生入学工作实施方案" in body and "未发布的草稿" not in body
    assert "恩施市义务教育招生入学工作实施方案" in client.get("/fuwu/wokan/").content.decode()


def test_item_page_shows_the_ten_elements_and_the_reform(client, edu_content):
    body = client.get(edu_content["item"].get_absolute_url()).content.decode()
    for label in [
        "设定依据",
        "申请条件",
        "办理材料",
        "办理地点",
        "办理机构",
        "收费标准",
        "办理时间",
        "联系电话",
        "办理流程",
    ]:
        # each label a row heading (its text marked as a sentence for read-aloud)
        assert re.search(
            rf'<th scope="row">(<span class="ra-s" data-ra="\d+">)?{label}(</span>)?</th>', body
        ), label
    assert "即办（当场办结）" in body and "20 个工作日" in body
    assert "<td>2024年3月1日</td><td>减材料</td><td>材料 7 件 → 4 件</td>" in body


def test_drafts_and_unknown_items_are_not_found(client, edu, edu_content):
    from gongkai.services.models import ServiceItem

    draft = ServiceItem.objects.get(status=ItemStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/fuwu/zhuti/nosuchtheme/").status_code == 404
    assert client.get("/fuwu/nosuchentry/").status_code == 404


def test_data_table_query_form_filters_rows_and_escapes_cells(client, edu_content):
    url = edu_content["table"].get_absolute_url()
    body = client.get(url, {"q": "实验"}).content.decode()
    assert "恩施市实验小学" in body and "恩施市第一小学" not in body and "查询到 1 条" in body
    body = client.get(url, {"q": "270", "column": "计划人数"}).content.decode()
    assert "恩施市第一小学" in body and "恩施市实验小学" not in body
    body = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert '<label for="table-q">' in body


def test_wowen_searches_the_knowledge_base_across_themes(client, edu_content):
    body = client.get("/fuwu/wowen/", {"q": "划片"}).content.decode()
    assert "义务教育入学怎么报名" in body
    assert client.get("/fuwu/woban/").status_code == 302


def test_qa_suggestions_for_a_message_reply(edu_content, edu):
    from gongkai.services.qa import suggestions_for_reply

    found = suggestions_for_reply("请问我家孩子满6周岁了，义务教育入学在哪里报名？", department=edu)
    assert [q.question for q in found] == ["孩子今年满 6 周岁，义务教育入学怎么报名？"]
    assert suggestions_for_reply("公积金贷款额度", department=edu) == []
