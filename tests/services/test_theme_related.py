"""A theme's 政策文件 come from real published disclosure items (picked by their 主题分类), and its
related-information window gathers the citizens' published messages about it — masked, only what the board shows."""

import datetime
import zoneinfo

import pytest

from gongkai.demo import services as demo
from gongkai.interaction import actions as interaction
from gongkai.interaction import intake
from gongkai.interaction.models import Category, Channel
from gongkai.services import related
from gongkai.services.models import ThemePolicy
from tests.disclosure.test_search_integration import publish as publish_page

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(month, day, hour=10):
    return datetime.datetime(2026, month, day, hour, tzinfo=SH)


@pytest.fixture(autouse=True)
def _static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def board(db, edu, hrss, office_user, make_staff, django_capture_on_commit_callbacks):
    """Publishes a message through the real case actions; returns the case."""
    from gongkai.core import roles

    editors = {edu.pk: make_staff(edu, roles.EDITOR), hrss.pk: make_staff(hrss, roles.EDITOR)}
    Category.objects.filter(channel=Channel.MESSAGE, name="教育与入学").update(department=edu)
    Category.objects.filter(channel=Channel.MESSAGE, name="社保与就业").update(department=hrss)
    intake.clear_category_cache()
    counter = {"n": 0}

    def publish(title, category, department, *, public=True, reply_day=12):
        counter["n"] += 1
        cleaned, errors = intake.validate_message(
            {
                "name": "向红梅",
                "phone": f"139071812{counter['n']:02d}",
                "category": category,
                "title": title,
                "content": f"{title}，请相关部门答复。我的电话 13907185678。",
                "public": public,
            }
        )
        assert not errors, errors
        with django_capture_on_commit_callbacks(execute=True):
            case, _ = interaction.submit(Channel.MESSAGE, cleaned, now=at(5, 8), received_at=at(5, 8))
            case = interaction.dispatch(office_user, case, department, now=at(5, 9))
            case = interaction.submit_reply(
                editors[department.pk],
                case,
                "已收到您的留言，经核实情况如下，请按通知要求办理。",
                now=at(5, reply_day),
            )
            return interaction.review_reply(office_user, case, approve=True, now=at(5, reply_day, 16))

    return publish


def test_theme_messages_rank_keyword_and_department_matches(board, edu, hrss, themes, make_item):
    themes["jiaoyu"].keywords = "入学、学位、教师"
    themes["jiaoyu"].save()
    make_item(edu, "教师资格认定", themes=[themes["jiaoyu"]])
    both = board("随迁子女初中学位申请，电话13907185678", "教育与入学", edu, reply_day=11)
    dept_only = board("学校食堂饭菜价格偏高", "其他", edu, reply_day=14)
    keyword_only = board("入学前能否办理社保卡", "社保与就业", hrss, reply_day=13)
    board("失业保险金申领进度", "社保与就业", hrss)  # neither: not about education
    board("孩子入学材料咨询", "教育与入学", edu, public=False)  # the citizen did not agree to publish

    found = related.theme_messages(themes["jiaoyu"])
    assert [m["url"] for m in found] == [f"/liuyan/{c.code}/" for c in (both, keyword_only, dept_only)]
    assert found[0]["title"] == "随迁子女初中学位申请，电话139****5678"
    assert found[0]["department"] == "市教育局" and found[0]["date"] == datetime.date(2026, 5, 11)


def test_theme_without_keywords_uses_its_name_and_summary(board, hrss, themes):
    themes["shebao"].summary = "参保、社保卡、养老保险待遇"
    themes["shebao"].save()
    assert themes["shebao"].keyword_list == ["社会保障", "参保", "社保卡", "养老保险待遇"]
    case = board("灵活就业人员参保缴费咨询", "社保与就业", hrss)
    assert [m["url"] for m in related.theme_messages(themes["shebao"])] == [f"/liuyan/{case.code}/"]


def test_the_theme_page_window_lists_messages(
    client, board, edu, themes, make_item, django_assert_max_num_queries
):
    themes["jiaoyu"].keywords = "入学、学位"
    themes["jiaoyu"].save()
    case = board("随迁子女初中学位申请", "教育与入学", edu)
    client.get("/fuwu/zhuti/jiaoyu/")  # warm the site look-ups and the main menu
    with django_assert_max_num_queries(14):
        body = client.get("/fuwu/zhuti/jiaoyu/").content.decode()
    assert "群众留言" in body and f'href="/liuyan/{case.code}/"' in body and "随迁子女初中学位申请" in body
    assert "13907185678" not in body and "向红梅" not in body


def test_theme_policies_are_picked_by_topic_metadata_never_by_a_word_in_a_title(
    make_draft, edu_editor, edu_reviewers, themes, django_capture_on_commit_callbacks
):
    from gongkai.disclosure.models import GovInfoPage, Topic

    themes["jiaoyu"].topics = "教育"
    themes["jiaoyu"].save()
    policy = ("fdzdgknr", "zcwj")
    with django_capture_on_commit_callbacks(execute=True):
        live = publish_page(
            make_draft(
                edu_editor, title="关于印发《恩施市义务教育阶段学生资助实施办法》的通知", column=policy
            ),
            edu_editor,
            edu_reviewers,
        )
        # "教育" in its title, but its 主题分类 is 公安 — and it is abolished: never under the 教育 theme
        abolished = publish_page(
            make_draft(
                edu_editor,
                title="关于转发《卖淫嫖娼人员收容教育办法》的通知",
                doc_number="恩市教发〔2026〕13号",
                column=policy,
            ),
            edu_editor,
            edu_reviewers,
        )
        repealed = publish_page(
            make_draft(
                edu_editor,
                title="关于印发《恩施市校外培训机构管理暂行办法》的通知",
                doc_number="恩市教发〔2026〕14号",
                column=policy,
            ),
            edu_editor,
            edu_reviewers,
        )
        notice = publish_page(
            make_draft(
                edu_editor, title="关于开展2026年校园安全检查的通知", doc_number="恩市教发〔2026〕15号"
            ),
            edu_editor,
            edu_reviewers,
        )
    GovInfoPage.objects.filter(pk=abolished.pk).update(topic=Topic.objects.get(name="公安"))
    GovInfoPage.objects.filter(pk=repealed.pk).update(validity="repealed")
    make_draft(
        edu_editor,
        title="关于2026年学生资助资金分配的通知（草稿）",
        doc_number="恩市教发〔2026〕16号",
        column=policy,
    )
    assert demo.link_policies() == 1
    assert list(ThemePolicy.objects.filter(theme=themes["jiaoyu"]).values_list("page_id", flat=True)) == [
        live.pk
    ]
    assert (
        notice.live
        and not ThemePolicy.objects.filter(page_id__in=[abolished.pk, repealed.pk, notice.pk]).exists()
    )
    assert demo.link_policies() == 0  # idempotent: a curated list is left alone
