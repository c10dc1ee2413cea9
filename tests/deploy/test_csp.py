"""The strict Content-Security-Policy of the public site (issue 10 item 1): every main public page carries it and
contains nothing it would block; the staff admin gets the looser policy its Wagtail pages need."""

import re
from pathlib import Path

import pytest

from tests.deploy.inline import inline_problems

ROOT = Path(__file__).resolve().parents[2]


def directives(header):
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


PUBLIC_PATHS = [
    "/xxgk/biaozhun/",
    "/search/?q=义务教育",
    "/ysqgk/shenqing/",
    "/ysqgk/chaxun/",
    "/liuyan/",
    "/liuyan/xie/",
    "/liuyan/chaxun/",
    "/jiucuo/",
    "/fuwu/",
    "/fuwu/shixiang/",
    "/xmt/",
]


@pytest.mark.django_db
def test_public_pages_carry_the_strict_policy_and_no_inline_code(client, public_site):
    paths = [public_site[k] for k in ("home", "catalog", "area", "column", "item")]
    paths += [public_site["item"] + "?view=print", *PUBLIC_PATHS]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["default-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"], path
        assert policy["frame-ancestors"] == ["'self'"], path
        # the same answer as frame-ancestors 'self' for browsers that know only the older header
        assert response["X-Frame-Options"] == "SAMEORIGIN", path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "same-origin", path
        assert "camera=()" in response["Permissions-Policy"], path
        html = response.content.decode()
        assert inline_problems(html) == [], path
        # nothing from another origin: every script, stylesheet and image is the site's own
        for url in re.findall(r'<(?:script|img|link|audio|source)\b[^>]*\b(?:src|href)="([^"]+)"', html):
            assert not url.startswith(("http:", "https:", "//")), (path, url)


@pytest.mark.django_db
def test_the_admin_gets_the_policy_wagtail_needs(client, public_site):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="jyj_editor"))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    # Wagtail's admin bundle compiles doT templates with new Function(): 'unsafe-eval' on the staff side only
    assert policy["script-src"] == ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    assert policy["frame-ancestors"] == ["'self'"]
    # the preview panel frames the admin's own preview URL
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    login = client.get("/django-admin/login/")
    assert "'unsafe-inline'" in login["Content-Security-Policy"]


def test_no_template_has_inline_script_handlers_or_style_attributes():
    """COMMON rule for every app: JS and CSS as static files. Django tags are blanked before parsing."""
    problems = []
    for path in sorted(ROOT.glob("gongkai/**/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        # keep the markup, drop template logic that would confuse the HTML parser ({% if %} inside a tag)
        text = re.sub(r"{%\s*(?:static|url)\b.*?%}", "x", text, flags=re.S)
        text = re.sub(r"{%.*?%}", "", text, flags=re.S)
        text = re.sub(r"{{.*?}}", "x", text, flags=re.S)
        problems += [f"{path.relative_to(ROOT)} {p}" for p in inline_problems(text)]
    assert problems == []


def test_policy_strings_are_what_the_docs_promise(settings):
    policy = directives(settings.GONGKAI_CSP)
    assert "'unsafe-inline'" not in settings.GONGKAI_CSP
    assert "'unsafe-eval'" not in settings.GONGKAI_CSP
    assert policy["img-src"] == ["'self'", "data:"]
