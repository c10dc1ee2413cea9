"""The production nginx template serves published pages by the same rules as the portal's template, and sends the
app's own security headers with them."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ROOT / "deploy" / "nginx-production.conf"


def maps(text):
    return [re.sub(r"\s+", " ", m) for m in re.findall(r"^\s*map .*?;\s*}$", text, re.M)]


def test_published_page_rules_are_those_of_the_portal_template():
    portal = maps((ROOT / "deploy" / "nginx-gongkai.conf").read_text())
    production = maps(PRODUCTION.read_text())
    assert portal and production == portal


def test_published_pages_get_csp_and_hsts_and_the_app_keeps_its_own():
    text = PRODUCTION.read_text()
    root_location = text[text.index("location / {\n            root /;") : text.index("location @app")]
    assert 'add_header Content-Security-Policy "{csp}" always;' in root_location
    assert "Strict-Transport-Security" in root_location
    app_location = text[text.index("location @app") :]
    # no add_header where Django answers: the admin's policy differs from the public one
    assert "add_header" not in app_location.split("}")[0]
    assert "proxy_set_header X-Forwarded-Proto https;" in app_location


@pytest.mark.skipif(
    not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists(), reason="nginx not installed"
)
def test_filled_template_is_valid_nginx(tmp_path, settings):
    import sys

    sys.path.insert(0, str(ROOT / "deploy"))
    from cluster import self_signed

    crt, key = self_signed(tmp_path)
    (tmp_path / "nginx").mkdir()
    values = {
        "workers": "1",
        "run_dir": str(tmp_path / "nginx"),
        "upstreams": "server 127.0.0.1:18999;",
        "published_root": str(tmp_path),
        "http_port": "18998",
        "https_port": "18997",
        "https_port_suffix": ":18997",
        "server_name": "localhost",
        "ssl_certificate": str(crt),
        "ssl_certificate_key": str(key),
        "static_root": str(tmp_path),
        "media_root": str(tmp_path),
        "csp": settings.GONGKAI_CSP,
        "permissions_policy": settings.GONGKAI_PERMISSIONS_POLICY,
    }
    conf = PRODUCTION.read_text()
    for k, v in values.items():
        conf = conf.replace("{" + k + "}", v)
    assert not re.findall(r"\{[a-z_]+\}", conf)
    (tmp_path / "nginx.conf").write_text(conf)
    (tmp_path / "sites.map").write_text("")  # written by `gongkai published build` (one line per extra site)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path / "nginx"), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
