"""Shared set-up of the services benchmarks (not a benchmark itself): a throwaway database (temp SQLite file, or a
PostgreSQL database `bench_services` created and dropped by the benchmark), migrated, with the 33 departments and 14 themes."""

import os
import sys
import tempfile
from urllib.parse import urlparse, urlunparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def throwaway_database(engine):
    """Point DATABASE_URL at a fresh database before Django starts; return a cleanup function."""
    if engine == "sqlite":
        handle, path = tempfile.mkstemp(prefix="bench_services_", suffix=".sqlite3")
        os.close(handle)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"

        def cleanup():
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)

        return cleanup
    import psycopg

    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_services")
        conn.execute("CREATE DATABASE bench_services")
    parts = urlparse(server)
    os.environ["DATABASE_URL"] = urlunparse(parts._replace(path="/bench_services"))

    def cleanup():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS bench_services")

    return cleanup


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import io

    from gongkai.org import demo as org_demo
    from gongkai.services import demo as services_demo

    org_demo.load(io.StringIO())
    services_demo.load_themes()


def engine_from_argv():
    engine = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    if engine not in ("sqlite", "postgres"):
        raise SystemExit("usage: python bench/<name>.py [sqlite|postgres]")
    return engine
