"""Every public write is behind CSRF (HTML forms) and a rate limit (forms and JSON API); the admin login behind
CSRF and the lockout. The list below is the audit of the public POST endpoints (docs/security.md)."""

import json

import pytest
from django.test import Client

from gongkai.core import protection

# (path, kind): every public POST endpoint of the site and the API
HTML_FORMS = [
    "/ysqgk/shenqing/",
    "/ysqgk/chaxun/",
    "/liuyan/xie/",
    "/jiucuo/",
    "/liuyan/chaxun/",
    "/jiucuo/chaxun/",
]
API_WRITES = [
    "/api/v1/foi/applications",
    "/api/v1/messages",
    "/api/v1/site-errors",
    "/api/v1/messages/LY20261102000001/rating",
    "/api/v1/site-errors/JC20261102000001/rating",
    # look-ups are POSTed too: the secret goes in the body, never in a URL (gongkai.core.tracking)
    "/api/v1/foi/applications/YSQ2026-ABCDEF/query",
    "/api/v1/messages/LY20261102000001/query",
    "/api/v1/site-errors/JC20261102000001/query",
    "/api/v1/hotline/tickets",
]


@pytest.mark.parametrize("path", [*HTML_FORMS, "/admin/login/", "/django-admin/login/"])
def test_html_forms_refuse_a_post_without_the_csrf_token(db, path):
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, {"name": "向春梅"})
    assert response.status_code == 403


@pytest.fixture
def strict_limits(settings):
    settings.GONGKAI_RATE_LIMITS = True
    settings.GONGKAI_RATE_LIMIT_RULES = {
        scope: "2/600" for scope in ("submit", "query", "rating", "integration")
    }


@pytest.mark.parametrize("path", HTML_FORMS)
def test_every_public_form_is_rate_limited(db, client, strict_limits, path):
    data = {"code": "LY20261102000001", "tracking_code": "YSQ2026-ABCDEF", "secret": "X7K2M9QP"}
    for _ in range(2):
        client.post(path, data)
    third = client.post(path, data)
    assert protection.RATE_LIMIT_MESSAGE in third.content.decode()


@pytest.mark.parametrize("path", API_WRITES)
def test_every_api_write_is_rate_limited(db, client, strict_limits, path):
    body = json.dumps({"rating": 5}).encode()
    for _ in range(2):
        client.post(path, body, content_type="application/json")
    third = client.post(path, body, content_type="application/json")
    assert third.status_code == 429
    assert protection.RATE_LIMIT_MESSAGE in third.content.decode()


def test_the_api_routes_that_write_are_exactly_the_audited_list():
    """A new POST/PUT/PATCH/DELETE route added to the API makes this fail until it is audited here."""
    from django.urls import get_resolver

    from gongkai.api.urls import api

    writes = set()
    for prefix, router in api._routers:
        for path, operations in router.path_operations.items():
            for op in operations.operations:
                if set(op.methods) & {"POST", "PUT", "PATCH", "DELETE"}:
                    writes.add((prefix.rstrip("/") + "/" + path.lstrip("/")).replace("//", "/"))
    del get_resolver
    assert writes == {
        "/foi/applications",
        "/messages",
        "/site-errors",
        "/messages/{code}/rating",
        "/site-errors/{code}/rating",
        "/foi/applications/{tracking_code}/query",
        "/messages/{code}/query",
        "/site-errors/{code}/query",
        "/hotline/tickets",
    }
