"""The demo catalog: 1,700+ items over the 33 departments, every theme with a guide, and idempotent."""

import io

from django.db.models import Count

from gongkai.demo import org as org_demo
from gongkai.demo import services as demo
from gongkai.services.models import Guide, ListType, ReformRecord, ServiceItem, Theme


def test_demo_loads_the_catalog_once(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (ServiceItem.objects.count(), ReformRecord.objects.count(), Guide.objects.count())
    assert counts[0] >= 1700
    assert ServiceItem.objects.values("department").distinct().count() == 33
    assert set(ServiceItem.objects.values_list("list_type", flat=True)) == set(ListType.values)
    assert set(ReformRecord.objects.values_list("kind", flat=True)) == {
        "documents",
        "materials",
        "fees",
        "delegation",
    }
    assert Theme.objects.count() == 14
    assert not Theme.objects.annotate(n=Count("guides")).filter(n=0).exists()
    assert all(step.image_id for guide in Guide.objects.all() for step in guide.steps.all())
    # codes are unique and GB/T 39554.1-shaped (…-区划-000-USCC-层级-版本)
    code = ServiceItem.objects.first().code
    assert code.split("-")[1] == "422801000000" and len(code.split("-")[3]) == 18
    demo.load(io.StringIO())
    assert (ServiceItem.objects.count(), ReformRecord.objects.count(), Guide.objects.count()) == counts
