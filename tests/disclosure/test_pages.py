"""Public pages of the catalog: item page metadata and identity tags, column filters, query counts."""

import datetime

import pytest
from django.utils import timezone

from gongkai.disclosure import actions
from gongkai.disclosure.models import GovInfoPage

from .fixtures import act, submit


@pytest.fixture
def items(make_draft, edu_editor, edu_reviewers):
    pages = []
    for i, title in enumerate(
        [
            "恩施市义务教育阶段学校招生入学管理办法",
            "关于公布2026年秋季学期学生资助名单的公示",
            "市教育局召开校园安全工作会议",
        ]
    ):
        page = submit(
            make_draft(edu_editor, title=title, doc_number=f"恩市教发〔2026〕{i + 1}号"), edu_editor
        )
        for step in ("section", "secrecy", "leader"):
            page = act(page, edu_reviewers[step])
        pages.append(page)
    return pages


def test_item_page_shows_metadata_and_identity_tags(client, items):
    page = items[0]
    html = client.get(page.url).content.decode()
    for label, value in [
        ("索引号", page.index_no),
        ("发布机构", "恩施市教育局"),
        ("主题分类", "科技、教育\\教育"),
        ("文　　号", "恩市教发〔2026〕1号"),
        ("成文日期", "2026年11月20日"),
    ]:
        assert label in html and value in html
    assert f'<meta name="ArticleTitle" content="{page.title}">' in html
    assert f'<meta name="PubDate" content="{timezone.localdate():%Y-%m-%d}' in html
    assert '<meta name="ContentSource" content="恩施市教育局">' in html
    assert 'href="?view=print"' in html
    printable = client.get(page.url, {"view": "print"}).content.decode()
    assert page.title in printable and "主题分类" in printable and "site-header" not in printable


def test_linked_interpretation_is_shown_both_ways(client, make_draft, edu_editor, edu_reviewers):
    def publish(page):
        page = submit(page, edu_editor)
        for step in ("section", "secrecy", "leader"):
            page = act(page, edu_reviewers[step])
        return page

    policy = publish(
        make_draft(
            edu_editor,
            title="恩施市义务教育阶段学校招生入学管理办法",
            doc_level="normative",
            column=("fdzdgknr", "zcwj"),
        )
    )
    interp = make_draft(
        edu_editor,
        title="《恩施市义务教育阶段学校招生入学管理办法》政策解读",
        genre="解读",
        column=("fdzdgknr", "zcjd"),
    )
    interp.policies = [policy]
    interp.save_revision(user=edu_editor)
    interp = publish(interp)
    assert interp.title in client.get(policy.url).content.decode()
    assert policy.title in client.get(interp.url).content.decode()


def test_column_filters_by_year_and_validity(client, items, office_user):
    actions.change_validity(
        office_user, items[0], "expired", date=datetime.date(2026, 11, 26), note="有效期届满"
    )
    column = items[0].get_parent()
    html = client.get(column.url, {"validity": "expired"}).content.decode()
    assert items[0].title in html and items[1].title not in html
    html = client.get(column.url, {"year": "2025"}).content.decode()
    assert "共 0 条" in html
    html = client.get(column.url).content.decode()
    assert "共 3 条" in html and "失效" in html


def test_item_and_column_pages_have_constant_query_counts(client, items, django_assert_max_num_queries):
    client.get(items[0].url)  # warm the site, settings and navigation caches
    # the page is found by its url_path in 2 queries however deep it sits (portal HomePage.route); the rest is
    # constant: site, view restrictions ×2, linked items ×3, identity, department, ancestors, topic, attachments
    with django_assert_max_num_queries(16):
        assert client.get(items[0].url).status_code == 200
    client.get("/")
    # home: site, root page, the four column blocks (one query each), identity — the navigation is cached
    with django_assert_max_num_queries(9):
        assert client.get("/").status_code == 200
    column = items[0].get_parent()
    client.get(column.url)
    with django_assert_max_num_queries(20):
        assert client.get(column.url).status_code == 200


def test_standard_catalog_page_lists_the_pilot_areas(client, db):
    html = client.get("/xxgk/biaozhun/").content.decode()
    assert "义务教育" in html and "保障性住房" in html and "公开渠道和载体" in html


def test_drafts_are_not_public(client, make_draft, edu_editor):
    page = make_draft(edu_editor)
    assert client.get(f"/xxgk/jyj/fdzdgknr/tzgg/{page.slug}/").status_code == 404
    assert GovInfoPage.objects.get(pk=page.pk).index_no == ""


def test_item_is_found_by_its_path_with_wagtails_routing_rules(client, items, edu_reviewers):
    page = items[0]
    assert client.get(page.url).status_code == 200
    assert client.get(page.url.rstrip("/") + "-x/").status_code == 404
    assert client.get(page.url + "extra/").status_code == 404
    # like Wagtail's own walk, only the page itself must be live: a column taken offline keeps its items reachable
    column = page.get_parent()
    column.live = False
    column.save(update_fields=["live"])
    assert client.get(page.url).status_code == 200
    page.live = False
    page.save(update_fields=["live"])
    assert client.get(page.url).status_code == 404


def test_main_navigation_is_cached_and_forgotten_when_a_page_changes(client, items):
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page
    section = root.get_children().live().filter(show_in_menus=False).first().specific
    html = client.get("/").content.decode()  # cached without the section in the menu
    assert f">{section.title}</a></li>" not in html
    section.show_in_menus = True
    section.save_revision().publish()
    assert f">{section.title}</a></li>" in client.get("/").content.decode()
    section.title = "信息公开（新）"
    section.save_revision().publish()
    assert ">信息公开（新）</a></li>" in client.get("/").content.decode()
