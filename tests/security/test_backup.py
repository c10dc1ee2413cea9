"""`gongkai backup` and `gongkai restore`: a backup restored into an empty database holds every item, case, rating
and audit record, the uploads, and an audit chain that still verifies. Runs on SQLite and on PostgreSQL."""

import datetime
import io
import json
import shutil
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from gongkai.core import audit, crypto
from gongkai.core.models import AuditRecord
from gongkai.disclosure.models import GovInfoPage
from gongkai.foi import actions as foi_actions
from gongkai.foi import services
from gongkai.foi.models import Application, Attachment
from gongkai.interaction import actions, intake
from gongkai.interaction.models import Case, Category, Channel, Rating, RatingRecord
from gongkai.operations import backup
from gongkai.org.models import Department
from tests.foi.conftest import person_payload
from tests.interaction.conftest import MESSAGE

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump and the backup API read committed data only

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)


def build_site():
    from django.contrib.auth import get_user_model

    from gongkai.core import workdays
    from gongkai.core.calendar_io import seed_from_chinese_calendar
    from gongkai.core.models import CalendarDay, CalendarYear
    from tests.browser.site import build

    if (
        not CalendarYear.objects.exists()
    ):  # the calendar of data migration 0002 (flushed in transactional tests)
        seed_from_chinese_calendar(CalendarDay, CalendarYear)
        workdays.invalidate()
    build()  # demo org and portal, the education bureau's catalog, two published items
    User = get_user_model()
    office, editor = User.objects.get(username="gkb"), User.objects.get(username="jyj_editor")
    edu = Department.objects.get(name="恩施市教育局")
    # an FOI application with an uploaded ID copy
    files = [("身份证复印件.png", PNG)]
    cleaned, errors = services.validate(person_payload(), files)
    assert not errors
    foi_actions.submit(cleaned, attachments=files)
    # a message, answered, published and rated
    # (a transactional test starts without the rows of the data migrations: the category is made here)
    Category.objects.update_or_create(
        channel=Channel.MESSAGE, name="教育与入学", defaults={"department": edu}
    )
    intake.clear_category_cache()
    now = datetime.datetime(2026, 11, 2, 9, tzinfo=SH)
    cleaned, errors = intake.validate_message(MESSAGE)
    assert not errors
    case, _ = actions.submit(Channel.MESSAGE, cleaned, now=now, received_at=now)
    case = actions.dispatch(office, case, edu, now=now)
    case = actions.submit_reply(
        editor,
        case,
        "经核实，金桂大道片区对应恩施市实验小学，请于 8 月携户口簿报名。",
        now=now + datetime.timedelta(days=1),
    )
    case = actions.review_reply(office, case, approve=True, now=now + datetime.timedelta(days=1, hours=2))
    actions.rate(case, Rating.SATISFIED, "答复清楚。", now=now + datetime.timedelta(days=2))


@pytest.fixture
def target(tmp_path):
    """An empty database of the same kind to restore into, removed afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    sd = connection.settings_dict
    name = f"{sd['NAME']}_restore"
    params = {
        k: v
        for k, v in {
            "host": sd.get("HOST"),
            "port": sd.get("PORT"),
            "user": sd.get("USER"),
            "password": sd.get("PASSWORD"),
            "dbname": "postgres",
        }.items()
        if v
    }
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    user = sd.get("USER") or "postgres"
    auth = f"{user}:{sd['PASSWORD']}" if sd.get("PASSWORD") else user
    yield f"postgres://{auth}@{sd.get('HOST') or '127.0.0.1'}:{sd.get('PORT') or 5432}/{name}"
    _close_target()
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _close_target():
    existing = getattr(connections._connections, backup.TARGET_ALIAS, None)
    if existing is not None:
        existing.close()


def test_a_backup_restores_into_an_empty_database_with_everything(settings, tmp_path, target):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_PRIVATE_ROOT = tmp_path / "private"
    build_site()
    expected = {
        "items": GovInfoPage.objects.count(),
        "applications": Application.objects.count(),
        "attachments": Attachment.objects.count(),
        "cases": Case.objects.count(),
        "ratings": RatingRecord.objects.count(),
        "audit": AuditRecord.objects.count(),
    }
    assert expected["items"] == 2 and expected["ratings"] == 1 and expected["attachments"] == 1
    assert expected["audit"] > 10

    out = io.StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    assert "备份完成" in out.getvalue()
    (path,) = list((tmp_path / "backups").iterdir())
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["row_counts"]["core_auditrecord"] == expected["audit"]
    # the applicant's ID copy is a private file (core/privatefiles.py): it is in the backup all the same
    assert any(f["path"].startswith("private/foi/attachments/") for f in manifest["files"])

    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private"
    out = io.StringIO()
    call_command(
        "restore",
        str(path),
        "--database-url",
        target,
        "--media-root",
        str(restored_media),
        "--private-root",
        str(restored_private),
        stdout=out,
    )
    assert "审计链完整" in out.getvalue()

    alias = backup.TARGET_ALIAS
    got = {
        "items": GovInfoPage.objects.using(alias).count(),
        "applications": Application.objects.using(alias).count(),
        "attachments": Attachment.objects.using(alias).count(),
        "cases": Case.objects.using(alias).count(),
        "ratings": RatingRecord.objects.using(alias).count(),
        "audit": AuditRecord.objects.using(alias).count(),
    }
    assert got == expected
    assert GovInfoPage.objects.using(alias).filter(title__contains="秋季学期义务教育招生入学").exists()
    app = Application.objects.using(alias).get()
    assert app.phone == "13907181234"  # encrypted in the backup, readable with the same key
    rating = RatingRecord.objects.using(alias).get()
    assert rating.rating == Rating.SATISFIED and rating.comment == "答复清楚。"
    assert "最低生活保障" in app.description  # the encrypted description too
    assert all(c.content for c in Case.objects.using(alias))  # and the citizens' own text
    upload = Attachment.objects.using(alias).get()
    # the ID copy is encrypted in the backup and after the restore (crypto.FILE_MAGIC), and decrypts with the key
    restored = (restored_private / upload.file.name).read_bytes()
    assert restored.startswith(crypto.FILE_MAGIC) and PNG not in restored
    assert not any(
        PNG in (path / f["path"]).read_bytes() for f in manifest["files"] if f["path"].startswith("private/")
    )
    with open(restored_private / upload.file.name, "rb") as fh:
        assert b"".join(crypto.decrypt_file_chunks(fh)) == PNG
    result = audit.verify(using=alias)
    assert result.ok and result.checked == expected["audit"]

    # a second restore into the now non-empty target is refused unless forced
    with pytest.raises(CommandError, match="目标不是空的"):
        call_command(
            "restore",
            str(path),
            "--database-url",
            target,
            "--media-root",
            str(restored_media),
            "--private-root",
            str(restored_private),
        )
    call_command(
        "restore",
        str(path),
        "--database-url",
        target,
        "--media-root",
        str(restored_media),
        "--private-root",
        str(restored_private),
        "--force",
        stdout=io.StringIO(),
    )
    assert AuditRecord.objects.using(alias).count() == expected["audit"]
    _close_target()


def test_restore_verifies_checksums_before_touching_anything(settings, tmp_path, target):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_PRIVATE_ROOT = tmp_path / "private"
    (tmp_path / "media" / "interaction").mkdir(parents=True)
    (tmp_path / "media" / "interaction" / "LY1.png").write_bytes(PNG)
    path = backup.create(tmp_path / "backups")
    assert backup.verify(path)

    damaged = tmp_path / "damaged"
    shutil.copytree(path, damaged)
    (damaged / "media" / "interaction" / "LY1.png").write_bytes(PNG[:-1] + b"\x01")
    with pytest.raises(CommandError, match="校验和不符"):
        call_command("restore", str(damaged), "--database-url", target, "--media-root", str(tmp_path / "m2"))
    assert not (tmp_path / "m2").exists()  # nothing restored

    edited = tmp_path / "edited"
    shutil.copytree(path, edited)
    manifest = json.loads((edited / "manifest.json").read_text())
    manifest["row_counts"]["core_auditrecord"] += 1
    (edited / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError, match="清单"):
        backup.verify(edited)

    extra = tmp_path / "extra"
    shutil.copytree(path, extra)
    (extra / "media" / "evil.html").write_text("<script>")
    with pytest.raises(backup.BackupError, match="清单外"):
        backup.verify(extra)


def test_a_restore_whose_audit_chain_was_altered_is_reported(settings, tmp_path, target):
    """`restore` runs the audit verification on what it restored, and says so when the chain is broken."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_PRIVATE_ROOT = tmp_path / "private"
    build_site()
    path = backup.create(tmp_path / "backups")
    call_command(
        "restore",
        str(path),
        "--database-url",
        target,
        "--media-root",
        str(tmp_path / "m"),
        "--private-root",
        str(tmp_path / "p"),
        stdout=io.StringIO(),
    )
    alias = backup.TARGET_ALIAS
    target_conn = connections[alias]
    rec = AuditRecord.objects.using(alias).order_by("id")[3]
    with target_conn.cursor() as cursor:
        if target_conn.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditrecord DISABLE TRIGGER core_auditrecord_no_change")
        else:
            cursor.execute("DROP TRIGGER core_auditrecord_no_update")
        cursor.execute("UPDATE core_auditrecord SET note = %s WHERE id = %s", ["篡改", rec.id])
    report = backup.RestoreReport(path=path, vendor=target_conn.vendor)
    backup.check(report, backup.read_manifest(path), alias, tmp_path / "m", tmp_path / "p")
    assert not report.ok and any("审计链断裂" in p for p in report.problems)
    _close_target()
