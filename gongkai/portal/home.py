"""What the home page shows: the newest items of the main columns across all departments (national guideline:
信息发布 · 解读回应 · 办事服务 · 互动交流)."""

from django.apps import apps

HOME_COLUMNS = [
    # (key, heading, column kinds, how many)
    ("notice", "通知公告", ["notice"], 7),
    ("policy", "政策文件", ["policy"], 7),
    ("interpretation", "政策解读", ["interpretation", "graphic"], 7),
    ("news", "工作动态", ["news"], 7),
]


def latest_by_column(home=None):
    """One query per column block; each row carries its department's short name. With `home` (a site's root),
    only that site's items (集约化)."""
    GovInfoPage = apps.get_model("disclosure", "GovInfoPage")
    blocks = []
    for key, heading, kinds, n in HOME_COLUMNS:
        items = GovInfoPage.objects.live()
        if home is not None:
            items = items.descendant_of(home)
        items = list(
            items.filter(column_kind__in=kinds, withdrawn=False)
            .select_related("department")
            .only("title", "url_path", "path", "depth", "published_date", "genre", "department__short_name")
            .order_by("-published_date", "-pk")[:n]
        )
        blocks.append({"key": key, "heading": heading, "items": items})
    return blocks
