"""The demo runs one real check, the crawl included (the site served on a free port for its length), once."""

import io

import pytest

from gongkai.assessment.health.models import Check, HealthRun
from gongkai.demo.assessment import health as demo

from .test_crawler import _site


@pytest.mark.django_db(transaction=True)
def test_demo_runs_the_checks_once(live_server, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    _site(live_server)  # the pages; the demo serves them itself, not through live_server
    out = io.StringIO()
    demo.load(out)
    run = HealthRun.objects.get()
    assert run.trigger == HealthRun.Trigger.DEMO and run.status == HealthRun.Status.DONE
    assert run.pages_crawled >= 3 and run.base_url.startswith("http://127.0.0.1:")
    links = run.findings.filter(check_code=Check.LINKS).values_list("subject", flat=True)
    assert any(s.endswith("/ceshi/missing/") for s in links)
    assert "网站健康检查：" in out.getvalue()
    demo.load(io.StringIO())
    assert HealthRun.objects.count() == 1
