"""RSS 2.0 and Atom feeds per column (B6): ``/feeds/<page_id>/rss.xml`` and ``/feeds/<page_id>/atom.xml``.

Items are the column's live, public descendant pages, newest first by first publication, at most 50. The
description is the page's search description or the first 200 characters of its text; an item whose body is not
proactively disclosed or was withdrawn (it stays at its address with its status, RULES.md §4) gives its title only.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from wagtail.models import Page

from gongkai.core import siteurl
from gongkai.org.sites import current_site

MAX_ITEMS = 50
DESCRIPTION_CHARS = 200
TEXT_FIELDS = ("summary", "body", "intro")


def page_text(page):
    """The plain text of a page for a feed description: ``search_description``, or the start of its text fields."""
    if page.search_description:
        return page.search_description.strip()
    if getattr(page, "body_visible", True) is False:
        return ""
    parts = []
    for name in TEXT_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, str) and value:
            parts.append(" ".join(strip_tags(value).split()))
    text = " ".join(p for p in parts if p)
    return text[:DESCRIPTION_CHARS]


def feed_items(column):
    return list(
        Page.objects.live()
        .public()
        .descendant_of(column)
        .exclude(first_published_at=None)
        .order_by("-first_published_at", "-pk")
        .specific()[:MAX_ITEMS]
    )


class ColumnRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, page_id):
        self.request = request
        pages = Page.objects.live().public()
        site = current_site(request)
        if site is not None:  # 集约化: a site's feeds are of its own columns only
            pages = pages.descendant_of(site.root_page, inclusive=True)
        page = pages.filter(pk=page_id).first()
        if page is None:
            raise Http404("栏目不存在或未发布。")
        return page.specific

    def _site_name(self, column):
        from .models import SiteIdentity

        site = column.get_site()
        return SiteIdentity.for_site(site).site_name if site else ""

    def title(self, column):
        name = self._site_name(column)
        return f"{column.title} - {name}" if name else column.title

    # absolute addresses from the site's configured address, never from the request's Host header
    def link(self, column):
        return siteurl.page_url(column, self.request)

    def description(self, column):
        return page_text(column) or f"{column.title}栏目最新发布的信息"

    def items(self, column):
        return feed_items(column)

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return siteurl.page_url(item, self.request)

    def item_description(self, item):
        return page_text(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, column):
        return self.description(column)
