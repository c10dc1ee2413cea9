"""Published items are found by the site search; withdrawn bodies and unpublished items are not."""

from gongkai.disclosure import actions

from .fixtures import act, submit


def publish(page, editor, reviewers):
    page = submit(page, editor)
    for step in ("section", "secrecy", "leader"):
        page = act(page, reviewers[step])
    return page


def search(client, q):
    return [r["title"] for r in client.get("/api/v1/search", {"q": q}).json()["results"]]


def test_publish_withdraw_unpublish_keep_the_search_true(
    client, make_draft, edu_editor, edu_reviewers, office_user, django_capture_on_commit_callbacks
):
    body = "<p>今年秋季学期起，城区学校课后服务延长至下午六点，费用由财政补助。</p>"
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(
            make_draft(edu_editor, title="关于延长城区学校课后服务时间的通知", body=body),
            edu_editor,
            edu_reviewers,
        )
    assert search(client, "财政补助") == [page.title]  # a word inside a sentence
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(office_user, page, "时间安排调整，撤回后重新发布")
    assert search(client, "财政补助") == []
    assert search(client, "课后服务") == [page.title]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish(user=None)
    assert search(client, "课后服务") == []
