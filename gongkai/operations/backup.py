"""Backups that restore: the database and the uploaded files, consistent, with a checksum manifest (docs/backup.md).

A backup is a directory `gongkai-backup-YYYYmmdd-HHMMSS/`:

    manifest.json        what is inside: format, database kind, migrations, row counts, audit chain heads,
                         and the size and SHA-256 of every other file
    manifest.sha256      SHA-256 of manifest.json (so the manifest itself cannot be edited unnoticed)
    database.sqlite3     SQLite: a copy made with SQLite's online backup API
    database.pgdump      PostgreSQL: `pg_dump --format=custom` of one exported snapshot
    media/…              the uploaded public files (MEDIA_ROOT)
    private/…            citizens' files (GONGKAI_PRIVATE_ROOT: FOI materials, message attachments, released
                         documents — served only through permission-checked views, core/privatefiles.py) and the
                         attachments of government information (private/documents/, served by Wagtail's
                         document view once their item is published: disclosure/models/documents.py)

Consistency. SQLite: the online backup API copies the database in one read transaction (WAL readers do not block
the writer), so the copy is one committed state. PostgreSQL: one REPEATABLE READ transaction exports its snapshot
(`pg_export_snapshot()`); the row counts of the manifest are taken in it and `pg_dump --snapshot` dumps exactly that
state. Files: the database is copied first, then the media. Uploaded files are written before the row that names
them commits and are never rewritten, so every file a row in the copy names is already on disk when the media are
copied; `restore` checks this and names any file missing.

Restore verifies every checksum before touching anything, refuses a target that holds data unless forced, loads
the database (SQLite backup API / `pg_restore --clean`), copies the media, then checks the row counts against the
manifest, that every referenced upload exists, and walks the audit hash chain (`gongkai audit verify`).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = "gongkai-backup/1"
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
TARGET_ALIAS = "gongkai_restore_target"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Chinese)."""


def sha256_file(path, chunk=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


# --- which tables -----------------------------------------------------------------------------------------------
def _tables():
    """Every table Django manages (models and many-to-many tables), sorted."""
    names = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            names.add(model._meta.db_table)
    return sorted(names)


def _count_rows(cursor, tables, quote):
    present = set(tables)
    counts = {}
    for table in sorted(present):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 — table names from the models
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_existing_tables(conn):
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _pg_params(settings_dict):
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    return env


def _pg_binary(name):
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"找不到 PostgreSQL 客户端程序 {name}：请安装与服务器同一主版本的 postgresql-client。"
        )
    return found


# --- backup -----------------------------------------------------------------------------------------------------
def create(destination, *, using="default", media=True, now=None):
    """Write a backup directory under `destination`; returns its path."""
    now = now or timezone.now()
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    name = f"gongkai-backup-{timezone.localtime(now):%Y%m%d-%H%M%S}"
    final = destination / name
    if final.exists():
        raise BackupError(f"备份目录已存在：{final}")
    work = destination / f".{name}.partial"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    try:
        connection = connections[using]
        vendor = connection.vendor
        if vendor == "sqlite":
            counts = _backup_sqlite(connection, work / "database.sqlite3")
            db_file = "database.sqlite3"
        elif vendor == "postgresql":
            counts = _backup_postgresql(connection, work / "database.pgdump")
            db_file = "database.pgdump"
        else:
            raise BackupError(f"不支持的数据库类型：{vendor}")
        if media:
            for folder, root in _file_roots().items():
                if root.is_dir():
                    shutil.copytree(root, work / folder, symlinks=False)
        files = []
        for path in sorted(p for p in work.rglob("*") if p.is_file()):
            rel = path.relative_to(work).as_posix()
            files.append({"path": rel, "size": path.stat().st_size, "sha256": sha256_file(path)})
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "database": {"vendor": vendor, "file": db_file},
            "migrations": _migrations(using),
            "row_counts": counts,
            "files": files,
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
        (work / MANIFEST).write_text(text, encoding="utf-8")
        (work / MANIFEST_SUM).write_text(
            f"{hashlib.sha256(text.encode()).hexdigest()}  {MANIFEST}\n", encoding="utf-8"
        )
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


def _migrations(using):
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        result = {}
        for app, name in cursor.fetchall():
            result.setdefault(app, []).append(name)
    return result


def _backup_sqlite(connection, target):
    """SQLite online backup API: one read transaction copies every page, then the counts come from the copy."""
    source_path = connection.settings_dict["NAME"]
    src = sqlite3.connect(source_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
    try:
        counts = _count_rows(dst.cursor(), [t for t in _tables() if t in _sqlite_existing_tables(dst)], _q)
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dst.close()
    return counts


def _q(name):
    return '"' + name.replace('"', '""') + '"'


def _backup_postgresql(connection, target):
    """One REPEATABLE READ transaction: export its snapshot, count the rows in it, and pg_dump that snapshot."""
    import psycopg

    sd = connection.settings_dict
    conninfo = {
        "dbname": sd["NAME"],
        "host": sd.get("HOST") or None,
        "port": sd.get("PORT") or None,
        "user": sd.get("USER") or None,
        "password": sd.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )
            existing = {r[0] for r in cursor.fetchall()}
            counts = _count_rows(cursor, [t for t in _tables() if t in existing], _q)
            result = subprocess.run(
                [
                    _pg_binary("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    sd["NAME"],
                ],
                env=_pg_params(sd),
                capture_output=True,
                text=True,
            )
        conn.rollback()
    if result.returncode != 0:
        raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
    return counts


# --- restore ----------------------------------------------------------------------------------------------------
@dataclass
class RestoreReport:
    path: Path
    vendor: str
    rows: int = 0
    files: int = 0
    audit_checked: int = 0
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


def read_manifest(path):
    path = Path(path)
    try:
        text = (path / MANIFEST).read_text(encoding="utf-8")
        expected = (path / MANIFEST_SUM).read_text(encoding="utf-8").split()[0]
    except FileNotFoundError as exc:
        raise BackupError(f"不是完整的备份目录（缺少 {Path(exc.filename).name}）：{path}") from exc
    if hashlib.sha256(text.encode()).hexdigest() != expected:
        raise BackupError("备份清单 manifest.json 的校验和不符：清单被修改或损坏，拒绝恢复。")
    manifest = json.loads(text)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')}")
    return manifest


def verify(path):
    """Check the manifest's checksum and every file's size and SHA-256; also that no file was added. Returns the
    manifest; raises BackupError naming the first problem."""
    path = Path(path)
    manifest = read_manifest(path)
    listed = {f["path"] for f in manifest["files"]}
    for entry in manifest["files"]:
        file = path / entry["path"]
        if not file.is_file():
            raise BackupError(f"备份文件缺失：{entry['path']}")
        if file.stat().st_size != entry["size"] or sha256_file(file) != entry["sha256"]:
            raise BackupError(f"备份文件校验和不符（已损坏或被修改）：{entry['path']}")
    extra = sorted(
        p.relative_to(path).as_posix()
        for p in path.rglob("*")
        if p.is_file()
        and p.name not in (MANIFEST, MANIFEST_SUM)
        and p.relative_to(path).as_posix() not in listed
    )
    if extra:
        raise BackupError(f"备份目录中有清单外的文件：{extra[0]}")
    return manifest


def target_alias(database_url=None):
    """The connection alias to restore into: the configured database, or another one given by URL."""
    if not database_url:
        return "default"
    import dj_database_url

    config = dj_database_url.parse(database_url)
    existing = getattr(connections._connections, TARGET_ALIAS, None)
    if existing is not None:
        existing.close()
        delattr(connections._connections, TARGET_ALIAS)
    configured = connections.configure_settings(
        {"default": connections.settings["default"], TARGET_ALIAS: config}
    )
    # a connection made for this run only (not added to DATABASES): `Model.objects.using(TARGET_ALIAS)` reaches it
    from django.db.utils import load_backend

    wrapper = load_backend(configured[TARGET_ALIAS]["ENGINE"]).DatabaseWrapper(
        configured[TARGET_ALIAS], TARGET_ALIAS
    )
    setattr(connections._connections, TARGET_ALIAS, wrapper)
    return TARGET_ALIAS


def holds_data(alias, *file_roots):
    """What in the target is not empty (a freshly migrated database, with only its seed data, is empty)."""
    found = []
    connection = connections[alias]
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        pass
    else:
        tables = set(connection.introspection.table_names())
        with connection.cursor() as cursor:
            for table, label in (("auth_user", "账号"), ("core_auditrecord", "审计记录")):
                if table in tables:
                    cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                    if cursor.fetchone()[0]:
                        found.append(f"数据库中已有{label}")
    for root in file_roots:
        if root and Path(root).is_dir() and any(p.is_file() for p in Path(root).rglob("*")):
            found.append(f"文件目录 {root} 不为空")
    return found


def _file_roots(media_root=None, private_root=None):
    """The backup's file folders and where they live: public uploads and citizens' private files."""
    return {
        "media": Path(media_root or settings.MEDIA_ROOT),
        "private": Path(private_root or settings.GONGKAI_PRIVATE_ROOT),
    }


def restore(path, *, database_url=None, media_root=None, private_root=None, force=False):
    """Verify, then load the backup into the target database and the file directories, then check the result."""
    path = Path(path)
    manifest = verify(path)
    alias = target_alias(database_url)
    connection = connections[alias]
    vendor = manifest["database"]["vendor"]
    if connection.vendor != vendor:
        raise BackupError(
            f"备份来自 {vendor} 数据库，不能恢复到 {connection.vendor} 数据库（请恢复到同类数据库）。"
        )
    roots = _file_roots(media_root, private_root)
    occupied = holds_data(alias, *roots.values())
    if occupied and not force:
        raise BackupError("目标不是空的（" + "；".join(occupied) + "）。确认要覆盖时请加 --force。")
    connection.close()
    db_file = path / manifest["database"]["file"]
    if vendor == "sqlite":
        _restore_sqlite(db_file, connection.settings_dict["NAME"])
    else:
        _restore_postgresql(db_file, connection.settings_dict)
    connection.close()
    files = sum(_restore_files(path, manifest, folder, root, force=force) for folder, root in roots.items())
    report = RestoreReport(path=path, vendor=vendor, files=files)
    check(report, manifest, alias, roots["media"], roots["private"])
    return report


def _restore_sqlite(source, target):
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _restore_postgresql(source, settings_dict):
    result = subprocess.run(
        [
            _pg_binary("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(source),
        ],
        env=_pg_params(settings_dict),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败（目标数据库未改变）：{result.stderr.strip()}")


def _restore_files(path, manifest, folder, root, *, force):
    prefix = f"{folder}/"
    entries = [f for f in manifest["files"] if f["path"].startswith(prefix)]
    if root.exists() and force and any(root.iterdir()):
        aside = root.with_name(f"{root.name}.before-restore-{timezone.now():%Y%m%d%H%M%S}")
        root.rename(aside)
    root.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        target = root / entry["path"][len(prefix) :]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path / entry["path"], target)
    return len(entries)


def check(report, manifest, alias, media_root, private_root=None):
    """After a restore: the row count of every table as in the manifest, every referenced upload present, and the
    audit hash chain intact."""
    from gongkai.core import audit

    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = _count_rows(
            cursor, [t for t in manifest["row_counts"] if t in tables], connection.ops.quote_name
        )
    for table, expected in manifest["row_counts"].items():
        got = counts.get(table)
        if got != expected:
            report.problems.append(
                f"表 {table}：备份中 {expected} 行，恢复后 {got if got is not None else '无此表'}"
            )
    report.rows = sum(counts.values())
    for missing in missing_files(alias, media_root, private_root):
        report.problems.append(f"记录引用的文件不存在：{missing}")
    result = audit.verify(using=alias)
    report.audit_checked = result.checked
    if not result.ok:
        where = f"第 {result.broken_id} 号记录" if result.broken_id else "链尾"
        report.problems.append(f"审计链断裂于{where}：{result.reason}")
    return report


def missing_files(alias, media_root, private_root=None):
    """Paths named by FileField/ImageField values in the database that are not on disk: under private_root for the
    fields kept in the private storage, under media_root for the others."""
    from django.db.models import FileField

    from gongkai.core.privatefiles import PrivateRootStorage

    private_root = Path(private_root or settings.GONGKAI_PRIVATE_ROOT)

    missing = []
    tables = set(connections[alias].introspection.table_names())
    for model in apps.get_models():
        if model._meta.db_table not in tables:
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, FileField)]
        for f in fields:
            root = private_root if isinstance(f.storage, PrivateRootStorage) else Path(media_root)
            for value in (
                model._base_manager.using(alias).exclude(**{f.name: ""}).values_list(f.name, flat=True)
            ):
                if value and not (root / value).is_file():
                    missing.append(value)
    return missing
