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
        "private_root": str(tmp_path),
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


def env_example():
    lines = (ROOT / "deploy" / "systemd" / "gongkai.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.mark.parametrize("template", ["nginx-gongkai.conf", "nginx-production.conf"])
def test_citizens_files_are_reachable_only_through_the_apps_redirect(template):
    text = (ROOT / "deploy" / template).read_text()
    accel = env_example()["GONGKAI_PRIVATE_ACCEL"]
    location = text[text.index(f"location {accel} {{") :].split("\n        }")[0]
    assert "internal;" in location and "alias {private_root}/;" in location
    assert "sandbox" in location and "no-store" in location
    # and the private root is not under the public media directory
    env = env_example()
    assert not env["GONGKAI_PRIVATE_ROOT"].startswith(env["MEDIA_ROOT"])


@pytest.mark.parametrize("template", ["nginx-gongkai.conf", "nginx-production.conf"])
def test_nginx_forwards_the_client_address_the_app_is_told_to_trust(template):
    app_location = (ROOT / "deploy" / template).read_text().split("location @app")[1]
    # replaced, not appended ($proxy_add_x_forwarded_for would keep what the client wrote)
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in app_location
    assert "proxy_set_header X-Real-IP $remote_addr;" in app_location
    assert env_example()["GONGKAI_TRUST_PROXY"] == "1"


def test_published_pages_may_be_framed_by_the_site_itself_as_their_csp_says(settings):
    text = PRODUCTION.read_text()
    assert "frame-ancestors 'self'" in settings.GONGKAI_CSP
    assert "add_header X-Frame-Options SAMEORIGIN always;" in text and "X-Frame-Options DENY" not in text
