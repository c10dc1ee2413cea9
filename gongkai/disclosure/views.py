from django.db.models import Count
from django.shortcuts import render

from .models import PilotArea, StandardCatalogEntry


def standard_catalog(request):
    """基层政务公开标准目录: the entries of every pilot area, with their published items counted."""
    area_id = request.GET.get("area", "")
    areas = PilotArea.objects.annotate(n=Count("entries")).order_by("sort_order")
    entries = StandardCatalogEntry.objects.select_related("area", "department").annotate(
        published=Count("items", distinct=True)
    )
    current = None
    if area_id.isdecimal():
        current = next((a for a in areas if a.pk == int(area_id)), None)
        entries = entries.filter(area_id=int(area_id))
    return render(
        request, "disclosure/standard_catalog.html", {"areas": areas, "entries": entries, "current": current}
    )
