"""Pages published as static files: the same HTML as Django renders, refreshed on every change."""

import pytest
from django.core.management import call_command

from gongkai.disclosure import actions
from tests.disclosure.fixtures import act, submit


@pytest.fixture
def root(settings, tmp_path):
    """The default site's directory of published pages (each site has its own, docs/multisite.md)."""
    settings.GONGKAI_PUBLISHED_ROOT = str(tmp_path / "published")
    return tmp_path / "published" / "_default"


def publish(page, editor, reviewers):
    page = submit(page, editor)
    for step in ("section", "secrecy", "leader"):
        page = act(page, reviewers[step])
    return page


def test_publishing_writes_the_item_its_columns_and_the_home_page(
    root, make_draft, edu_editor, edu_reviewers, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(make_draft(edu_editor), edu_editor, edu_reviewers)
    item_file = root / page.url.strip("/") / "index.html"
    assert item_file.exists()
    assert (root / "index.html").exists()
    assert (root / "xxgk" / "jyj" / "fdzdgknr" / "tzgg" / "index.html").exists()
    assert item_file.read_bytes() == client.get(page.url).content
    assert page.title in (root / "index.html").read_text()  # the home page lists the newest notices


def test_withdrawal_rewrites_the_file_and_unpublishing_removes_it(
    root, make_draft, edu_editor, edu_reviewers, office_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(make_draft(edu_editor), edu_editor, edu_reviewers)
    item_file = root / page.url.strip("/") / "index.html"
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(office_user, page, "附件版本有误，撤回后重新发布")
    assert "已撤稿" in item_file.read_text()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish(user=None)
    assert not item_file.exists()


def test_build_renders_every_public_page(root, make_draft, edu_editor, edu_reviewers):
    publish(make_draft(edu_editor), edu_editor, edu_reviewers)
    call_command("published", "build")
    files = list(root.rglob("index.html"))
    assert len(files) >= 10
    assert all(".tmp-" not in f.name for f in files)
