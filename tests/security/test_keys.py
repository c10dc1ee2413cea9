"""Production refuses to start without the encryption keys; demo mode generates them once and keeps them."""

from tests.test_settings import run_check

PRODUCTION = {
    "GONGKAI_ENV": "production",
    "SECRET_KEY": "6fJ0x-pQ3vW9_rT2kL8mZ5nB1cY7hD4sA0eG6iU3oP9wR2tV8yX5qN1jM7bC4fH0",
    "ALLOWED_HOSTS": "www.enshi.gov.cn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
}


def test_production_needs_the_data_key(monkeypatch):
    monkeypatch.delenv("GONGKAI_DATA_KEY", raising=False)
    result = run_check(PRODUCTION)
    assert result.returncode != 0 and "GONGKAI_DATA_KEY" in result.stderr


def test_demo_mode_generates_the_keys_once(tmp_path):
    env = {"GONGKAI_VAR_DIR": str(tmp_path)}
    assert run_check(env).returncode == 0
    keys = (tmp_path / "data_key").read_text(), (tmp_path / "index_key").read_text()
    assert run_check(env).returncode == 0
    assert ((tmp_path / "data_key").read_text(), (tmp_path / "index_key").read_text()) == keys
    assert oct((tmp_path / "data_key").stat().st_mode)[-3:] == "600"
