from django.db.models import Count, Q
from django.shortcuts import render
from wagtail.models import Site

from .models import GovInfoPage, PilotArea, StandardCatalogEntry

#: how many of an entry's items the page lists by title (the count says how many there are in all)
ITEMS_SHOWN = 3


def fulfilling_items(site):
    """The live, not withdrawn items of `site` that fulfil a standard-catalog entry."""
    items = GovInfoPage.objects.live().filter(withdrawn=False, catalog_entry__isnull=False)
    if site is not None:
        items = items.descendant_of(site.root_page, inclusive=True)
    return items


def standard_catalog(request):
    """基层政务公开标准目录: the entries of every pilot area, each with the items of this site that fulfil it —
    counted (live, not withdrawn) and the newest linked."""
    area_id = request.GET.get("area", "")
    areas = PilotArea.objects.annotate(n=Count("entries")).order_by("sort_order")
    site = Site.find_for_request(request)
    items = fulfilling_items(site)
    entries = StandardCatalogEntry.objects.select_related("area", "department").annotate(
        published=Count("items", filter=Q(items__in=items), distinct=True)
    )
    current = None
    if area_id.isdecimal():
        current = next((a for a in areas if a.pk == int(area_id)), None)
        entries = entries.filter(area_id=int(area_id))
    entries = list(entries)
    newest = {}
    for item in (
        items.filter(catalog_entry__in=entries)
        .order_by("-published_date", "-pk")
        .only("title", "url_path", "path", "depth", "published_date", "catalog_entry_id")
    ):
        shown = newest.setdefault(item.catalog_entry_id, [])
        if len(shown) < ITEMS_SHOWN:
            shown.append(item)
    for entry in entries:
        entry.newest = newest.get(entry.pk, [])
    return render(
        request, "disclosure/standard_catalog.html", {"areas": areas, "entries": entries, "current": current}
    )
