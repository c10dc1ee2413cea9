"""Production mode refuses to start without its required settings."""

import os
import subprocess
import sys


def run_check(env):
    full = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "gongkai.manage", "check"],
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_needs_a_secret_key():
    result = run_check(
        {
            "GONGKAI_ENV": "production",
            "ALLOWED_HOSTS": "www.enshi.gov.cn",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        }
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_needs_postgresql():
    result = run_check(
        {"GONGKAI_ENV": "production", "ALLOWED_HOSTS": "www.enshi.gov.cn", "SECRET_KEY": "x" * 60}
    )
    assert result.returncode != 0 and "PostgreSQL" in result.stderr


def test_production_needs_allowed_hosts():
    result = run_check(
        {
            "GONGKAI_ENV": "production",
            "SECRET_KEY": "x" * 60,
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        }
    )
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr


def test_embedded_mode_keeps_a_generated_key(tmp_path):
    env = {"GONGKAI_VAR_DIR": str(tmp_path)}
    assert run_check(env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert run_check(env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key and len(key) > 40
