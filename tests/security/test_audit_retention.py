"""Audit records are kept at least six months and can be exported for the auditor; older ones can be archived
and removed without breaking the verification of what remains."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from gongkai.core import audit, roles
from gongkai.core.models import AuditRecord
from gongkai.operations import audit_retention
from tests.security.helpers import sign_in

TODAY = datetime.date(2026, 11, 27)


def add(at, n=3, action="foi.confirm"):
    with transaction.atomic():
        for i in range(n):
            rec = audit.record(
                None,
                action,
                object_type="foi.application",
                object_id=f"{at:%m%d}{i}",
                object_repr=f"YSQ-2026-{i:04d}",
            )
    # records of the past: their time is part of the hash, so set it before hashing through the model's own path
    return rec


def backdated(days, n=3):
    """Records as if written `days` ago (built the way record() builds them, with the chain kept intact)."""
    from unittest import mock

    moment = timezone.now() - datetime.timedelta(days=days)
    with mock.patch("gongkai.core.audit.timezone.now", return_value=moment):
        add(moment.date(), n)


def test_purge_refuses_records_inside_the_retention_period(db, tmp_path):
    backdated(200)
    with pytest.raises(audit_retention.RetentionError, match="至少 183 天"):
        audit_retention.purge(None, timezone.localdate() - datetime.timedelta(days=100), tmp_path)
    with pytest.raises(CommandError, match="至少 183 天"):
        call_command("audit", "purge", "--before", f"{timezone.localdate():%Y-%m-%d}")
    assert AuditRecord.objects.count() == 3


def test_purge_archives_old_records_and_the_rest_still_verifies(db, tmp_path):
    backdated(400, n=5)
    backdated(10, n=4)
    before = timezone.localdate() - datetime.timedelta(days=200)
    count, path = audit_retention.purge(None, before, tmp_path)
    assert count == 5
    assert path.read_text(encoding="utf-8").count("foi.confirm") == 5
    assert AuditRecord.objects.filter(action="foi.confirm").count() == 4
    result = audit.verify()
    assert result.ok, result.reason
    assert AuditRecord.objects.filter(action="audit.purge").get().after["count"] == 5


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_itself_refuses_to_delete_a_young_record(db):
    from django.db import DatabaseError

    backdated(10, n=1)
    with pytest.raises(DatabaseError, match="retention"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditrecord")


def test_the_auditor_exports_a_period_as_xlsx_and_csv(client, db, make_staff):
    from openpyxl import load_workbook

    backdated(3, n=2)
    auditor = make_staff(None, roles.AUDITOR, username="auditor")
    sign_in(client, auditor)
    page = client.get("/admin/audit-export/")
    assert page.status_code == 200 and "至少保存 183 天" in page.content.decode()
    start = timezone.localdate() - datetime.timedelta(days=5)
    response = client.get(
        "/admin/audit-export/", {"start": f"{start}", "end": f"{timezone.localdate()}", "format": "xlsx"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("编号", "时间", "操作人", "操作", "操作名称")
    assert sum(1 for r in rows if r[3:5] == ("foi.confirm", "确认收到申请")) == 2
    assert [r[4] for r in rows if r[3] == "audit.export"] == ["导出审计日志"]
    csv = client.get("/admin/audit-export/", {"format": "csv"})
    assert csv.content.decode("utf-8").startswith("\ufeff编号,时间")
    assert AuditRecord.objects.filter(action="audit.export").count() == 2


def test_others_cannot_export(client, db, make_staff, edu):
    sysadmin = make_staff(None, roles.SYSADMIN)
    sign_in(client, sysadmin)
    assert client.get("/admin/audit-export/", {"format": "csv"}).status_code in (302, 403)


def test_export_command(db, tmp_path):
    backdated(3, n=2)
    out = tmp_path / "audit.csv"
    call_command("audit", "export", "--format", "csv", "--output", str(out), stderr=io.StringIO())
    assert out.read_text(encoding="utf-8").count("foi.confirm") == 2
