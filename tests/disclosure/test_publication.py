"""索引号, 发布日期, withdrawal, validity, scheduled publishing."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from gongkai.core.models import AuditRecord
from gongkai.disclosure import actions
from gongkai.disclosure.models import GovInfoPage, IndexSequence, PublicationRecord
from gongkai.disclosure.rules import next_index_no, publication_status

from .fixtures import act, submit


@pytest.fixture
def published(make_draft, edu_editor, edu_reviewers):
    def publish(**kwargs):
        page = submit(make_draft(edu_editor, **kwargs), edu_editor)
        for step in ("section", "secrecy", "leader"):
            page = act(page, edu_reviewers[step])
        assert page.live
        return page

    return publish


def test_back_dating_the_publication_date_is_refused(published):
    page = published()
    page.published_date = page.published_date - datetime.timedelta(days=30)
    with pytest.raises(ValidationError, match="不得倒签"):
        page.save()


def test_the_index_number_never_changes(published, edu_editor, edu_reviewers):
    page = published()
    original = page.index_no
    page.index_no = original[:-1] + "9"
    with pytest.raises(ValidationError, match="索引号"):
        page.save()
    # a new revision, reviewed and republished, keeps number and date
    page = GovInfoPage.objects.get(pk=page.pk)
    page.title = page.title + "（更正）"
    page.save_revision(user=edu_editor)
    page = submit(page, edu_editor)
    for step in ("section", "secrecy", "leader"):
        page = act(page, edu_reviewers[step])
    page = GovInfoPage.objects.get(pk=page.pk)
    assert page.index_no == original and page.title.endswith("（更正）")
    assert PublicationRecord.objects.filter(page=page).count() == 2
    assert AuditRecord.objects.filter(action="disclosure.republish").count() == 1


def test_serial_numbers_run_per_issuer_and_year_and_are_never_reused(db):
    assert next_index_no("11422801000010372M", 2026) == "11422801000010372M/2026-00001"
    assert next_index_no("11422801000010372M", 2026) == "11422801000010372M/2026-00002"
    assert next_index_no("114228010000140582", 2026) == "114228010000140582/2026-00001"
    assert next_index_no("11422801000010372M", 2027) == "11422801000010372M/2027-00001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_never_share_an_index_number():
    results, errors = [], []

    def worker():
        try:
            for _ in range(10):
                results.append(next_index_no("11422801000010372M", 2026))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 80 and len(set(results)) == 80
    assert IndexSequence.objects.get(issuer_code="11422801000010372M", year=2026).last == 80


def test_withdrawal_keeps_the_page_at_its_address_with_its_status(
    client, published, edu_editor, edu_reviewers, office_user
):
    page = published()
    with pytest.raises(PermissionDenied):
        actions.withdraw(edu_editor, page, "内容有误需撤回")
    with pytest.raises(ValidationError):
        actions.withdraw(office_user, page, "有误")
    actions.withdraw(edu_reviewers["leader"], page, "附件版本有误，撤回后重新发布")
    page = GovInfoPage.objects.get(pk=page.pk)
    assert page.live and page.withdrawn
    html = client.get(page.url).content.decode()
    assert "已撤稿" in html and "附件版本有误" in html
    assert "招生入学有关事项通知如下" not in html
    assert AuditRecord.objects.filter(action="disclosure.withdraw", object_id=str(page.pk)).exists()


def test_validity_change_keeps_the_item_online_marked(client, published, office_user, edu_editor):
    page = published()
    with pytest.raises(ValidationError):
        actions.change_validity(office_user, page, "repealed")
    actions.change_validity(
        office_user, page, "repealed", date=datetime.date(2026, 11, 25), note="已被恩市教发〔2026〕20号废止"
    )
    page = GovInfoPage.objects.get(pk=page.pk)
    assert page.live and page.validity == "repealed"
    html = client.get(page.url).content.decode()
    assert "废止" in html and "恩市教发〔2026〕20号" in html
    # a later edit cannot bring the old validity back
    page.title = page.title + "（修订）"
    revision = page.save_revision(user=edu_editor)
    revision.publish(skip_permission_checks=True)
    assert GovInfoPage.objects.get(pk=page.pk).validity == "repealed"


def test_scheduled_publication_gets_its_date_when_it_goes_live(make_draft, edu_editor, edu_reviewers):
    page = make_draft(edu_editor)
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=4)
    page.save_revision(user=edu_editor)
    page = submit(page, edu_editor)
    for step in ("section", "secrecy", "leader"):
        page = act(page, edu_reviewers[step])
    page = GovInfoPage.objects.get(pk=page.pk)
    assert not page.live and page.index_no == ""
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None
    # the worker's job, once the time has come
    time.sleep(max(0.0, (revision.approved_go_live_at - timezone.now()).total_seconds()) + 0.5)
    call_command("publish_scheduled", verbosity=0)
    page = GovInfoPage.objects.get(pk=page.pk)
    assert page.live and page.index_no and page.published_date == timezone.localdate()
    record = PublicationRecord.objects.get(page=page)
    assert record.scheduled and record.published_by == "系统（定时发布）"
    assert len(record.approvals) == 3


def test_publication_time_limit_counts_working_days_from_the_written_date(make_draft, edu_editor):
    page = make_draft(edu_editor)
    page.written_date = datetime.date(2026, 9, 28)
    due, late, provisional = publication_status(page, today=datetime.date(2026, 10, 30))
    assert due == datetime.date(2026, 10, 30) and late is None and not provisional
    due, late, _ = publication_status(page, today=datetime.date(2026, 11, 3))
    assert late == 2
