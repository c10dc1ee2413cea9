"""The demo: 50 accounts across departments and platforms, a year of posts, some stale, one 僵尸号, pushes."""

from collections import Counter
from io import StringIO

from django.core.management import call_command

from gongkai.newmedia import services
from gongkai.newmedia.models import Account, Application, Post, Push


def test_demo_loads_and_is_idempotent(db):
    call_command("demo", "--only", "org", "--only", "newmedia", stdout=StringIO())
    assert Account.objects.count() == 50
    assert len(set(Account.objects.values_list("platform", flat=True))) >= 6
    assert Account.objects.values("department").distinct().count() >= 30
    states = Counter(r.freshness for r in services.monitor())
    assert states["zombie"] == 1 and states["red"] >= 2 and states["warning"] >= 2 and states["ok"] >= 30
    oldest = Post.objects.order_by("published_at").first().published_at
    newest = Post.objects.order_by("-published_at").first().published_at
    assert (newest - oldest).days >= 360
    assert Post.objects.filter(needs_review=True).count() >= 1
    assert Application.objects.filter(state="submitted").count() == 3
    assert Push.objects.count() == 2
    counts = (
        Account.objects.count(),
        Post.objects.count(),
        Application.objects.count(),
        Push.objects.count(),
    )
    call_command("demo", "--only", "org", "--only", "newmedia", stdout=StringIO())
    assert (
        Account.objects.count(),
        Post.objects.count(),
        Application.objects.count(),
        Push.objects.count(),
    ) == counts
