"""Published messages are searchable in the site search (issue 6 §5), as their own kind 留言, with what the board
shows and never the citizen's personal data; the index follows the actions that publish, reopen and re-publish."""

import pytest

from gongkai.interaction import actions
from gongkai.interaction.models import Case, Rating
from gongkai.interaction.search_sources import search_documents
from gongkai.search import query
from gongkai.search.models import SearchEntry

from .conftest import at

REPLY = "经核实，金桂大道片区对应恩施市实验小学，请于 8 月 1 日至 5 日携户口簿到学校报名。"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.GONGKAI_RATE_LIMITS = False


@pytest.fixture
def publish(make_message, office_user, edu, edu_editor, django_capture_on_commit_callbacks):
    def publish(reply=REPLY, **over):
        with django_capture_on_commit_callbacks(execute=True):
            case = actions.dispatch(office_user, make_message(**over), edu, now=at(2026, 5, 11, 9))
            case = actions.submit_reply(edu_editor, case, reply, now=at(2026, 5, 12, 15))
            return actions.review_reply(office_user, case, approve=True, now=at(2026, 5, 13, 10))

    return publish


def entries():
    return SearchEntry.objects.filter(kind="message")


def test_a_published_message_is_found_under_its_own_kind_without_personal_data(publish):
    case = publish(
        title="孩子秋季入学划片咨询，电话13907185678",
        content="我叫向红梅，身份证 422801198807120028，住金桂大道，请问划片学校是哪所？",
        now=at(2026, 5, 11, 8),
    )
    entry = entries().get()
    assert entry.url == f"/liuyan/{case.code}/"
    assert entry.department_name == "恩施市教育局"
    assert entry.published.isoformat() == "2026-05-13"
    assert "答复部门：恩施市教育局" in entry.body and "恩施市实验小学" in entry.body
    assert "留言类别：教育与入学" in entry.body
    stored = " ".join([entry.title, entry.body, entry.number, entry.title_tokens, entry.body_tokens])
    for personal in ("13907185678", "向红梅", "422801198807120028", "13907181234", "金桂大道，请问"):
        assert personal not in stored
    assert "139****5678" in entry.title

    found = query.search("实验小学 报名", query.Filters(kind="message"))
    assert [hit.entry.url for hit in found.hits] == [f"/liuyan/{case.code}/"]
    assert found.kind_counts.get("message") == 1


def test_results_page_shows_the_message_tab(client, publish):
    case = publish()
    html = client.get("/search/", {"q": "实验小学"}).content.decode()
    assert "留言" in html and f"/liuyan/{case.code}/" in html
    html = client.get("/search/", {"q": "实验小学", "kind": "message"}).content.decode()
    assert f"/liuyan/{case.code}/" in html


def test_private_pending_and_invalid_messages_stay_out(publish, make_message, office_user):
    publish(public=False, title="个人社保缴费记录查询")
    pending = make_message(title="校车接送路线调整建议")
    actions.mark_invalid(office_user, make_message(title="广告推销内容一则"), "广告信息，不予受理。")
    assert not entries().exists()
    assert pending.pk not in {case.pk for case, _doc in search_documents()}


def test_reopened_message_leaves_the_index_until_its_new_reply_is_published(
    publish, office_user, edu_editor, django_capture_on_commit_callbacks
):
    case = publish()
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.rate(case, Rating.UNSATISFIED, "学校说名额已满，答复不实。", now=at(2026, 5, 14, 9))
    assert entries().count() == 1  # 督办中: still on the board with its first reply
    new_reply = "经再次核实，恩施市实验小学东校区仍有学位，已通知学校为您办理报名手续。"
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.submit_reply(edu_editor, case, new_reply, now=at(2026, 5, 18, 10))
    assert not entries().exists()  # 答复待审核 is not public
    with django_capture_on_commit_callbacks(execute=True):
        actions.review_reply(office_user, case, approve=True, now=at(2026, 5, 19, 10))
    entry = entries().get()
    assert "东校区仍有学位" in entry.body and entry.published.isoformat() == "2026-05-19"


def test_a_deleted_message_is_removed(publish, django_capture_on_commit_callbacks):
    case = publish()
    with django_capture_on_commit_callbacks(execute=True):
        Case.objects.get(pk=case.pk).delete()
    assert not entries().exists()


def test_a_submission_costs_no_index_work(make_message, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        make_message(title="路灯维修建议一则")
    assert not [c for c in callbacks if "case_saved" in getattr(c, "__qualname__", "")]
    assert not entries().exists()


def test_reindex_rebuilds_messages_from_the_board(publish):
    from gongkai.search import index

    case = publish()
    SearchEntry.objects.all().delete()
    index.reindex()
    assert list(entries().values_list("url", flat=True)) == [f"/liuyan/{case.code}/"]
