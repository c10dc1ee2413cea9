"""Feeds and maps (B6): RSS 2.0 and Atom per column, sitemap.xml, robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from gongkai.disclosure.models import GovInfoPage
from gongkai.portal.feeds import MAX_ITEMS

ATOM = "{http://www.w3.org/2005/Atom}"


def add_item(column, title, body, published_at, **fields):
    parent = column.get_parent().specific
    item = GovInfoPage(
        title=title,
        department=parent.specific.department if hasattr(parent, "department") else column.department,
        topic=GovInfoPage.objects.first().topic,
        genre="通知",
        written_date=datetime.date(2026, 11, 2),
        body=body,
        owner=GovInfoPage.objects.first().owner,
        **fields,
    )
    column.add_child(instance=item)
    item.save_revision().publish(skip_permission_checks=True)
    Page.objects.filter(pk=item.pk).update(first_published_at=published_at)
    return item


def test_rss_lists_the_columns_items_newest_first(client, catalog_site):
    column = Page.objects.get(pk=catalog_site["column_id"]).specific
    add_item(
        column,
        "恩施市教育局关于2025年学前教育资助资金分配的公示",
        "<p>" + "根据湖北省学前教育资助政策，" * 30 + "</p>",
        timezone.make_aware(datetime.datetime(2025, 3, 1, 9, 0)),
    )
    response = client.get(f"/feeds/{column.pk}/rss.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.find("title").text == "通知公告 - 恩施市人民政府"
    items = channel.findall("item")
    titles = [i.find("title").text for i in items]
    assert titles[-1] == "恩施市教育局关于2025年学前教育资助资金分配的公示"
    assert "恩施市教育局关于做好2026年秋季学期义务教育招生入学工作的通知" in titles
    oldest = items[-1]
    assert oldest.find("pubDate").text == "Sat, 01 Mar 2025 01:00:00 +0000"
    description = oldest.find("description").text
    assert len(description) == 200 and description.startswith("根据湖北省学前教育资助政策")
    assert oldest.find("link").text.startswith(settings.GONGKAI_BASE_URL + "/xxgk/jyj/fdzdgknr/tzgg/")


def test_atom_feed_and_search_description(client, catalog_site):
    column = Page.objects.get(pk=catalog_site["column_id"]).specific
    add_item(
        column,
        "恩施市2026年中小学寒假放假时间安排",
        "<p>全市中小学寒假自2027年1月23日起。</p>",
        timezone.now(),
        search_description="寒假放假时间：2027年1月23日至2月21日。",
    )
    response = client.get(f"/feeds/{column.pk}/atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    first = feed.findall(f"{ATOM}entry")[0]
    assert first.find(f"{ATOM}title").text == "恩施市2026年中小学寒假放假时间安排"
    assert first.find(f"{ATOM}summary").text == "寒假放假时间：2027年1月23日至2月21日。"


def test_feed_caps_at_fifty_and_hides_undisclosed_bodies(client, catalog_site):
    column = Page.objects.get(pk=catalog_site["column_id"]).specific
    start = timezone.make_aware(datetime.datetime(2024, 1, 1, 8, 0))
    for n in range(MAX_ITEMS + 2):
        add_item(
            column,
            f"恩施市教育局工作动态第{n + 1}期",
            "<p>工作动态正文。</p>",
            start + datetime.timedelta(days=n),
        )
    add_item(
        column,
        "恩施市教育局关于某校舍维修项目的内部请示",
        "<p>内部事务信息正文不得出现在订阅中。</p>",
        timezone.now(),
        disclosure_mode="on_request",
        non_disclosure_reason="internal",
    )
    items = ET.fromstring(client.get(f"/feeds/{column.pk}/rss.xml").content).find("channel").findall("item")
    assert len(items) == MAX_ITEMS
    assert items[0].find("title").text == "恩施市教育局关于某校舍维修项目的内部请示"
    assert items[0].find("description").text in (None, "")


def test_feed_of_missing_unpublished_or_private_page_is_404(client, catalog_site):
    column = Page.objects.get(pk=catalog_site["column_id"])
    assert client.get("/feeds/999999/rss.xml").status_code == 404
    PageViewRestriction.objects.create(page=column, restriction_type="login")
    assert client.get(f"/feeds/{column.pk}/rss.xml").status_code == 404
    column.unpublish()
    assert client.get(f"/feeds/{column.pk}/atom.xml").status_code == 404


def test_column_pages_link_their_feeds_and_items_do_not(client, catalog_site):
    html = client.get(catalog_site["column"]).content.decode()
    column_id = catalog_site["column_id"]
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="通知公告（RSS）" href="/feeds/{column_id}/rss.xml">'
        in html
    )
    assert f'type="application/atom+xml" title="通知公告（Atom）" href="/feeds/{column_id}/atom.xml"' in html
    assert "application/rss+xml" not in client.get(catalog_site["item"]).content.decode()


def test_sitemap_lists_live_public_pages(client, catalog_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [u.find(f"{ns}loc").text for u in ET.fromstring(response.content).findall(f"{ns}url")]
    assert settings.GONGKAI_BASE_URL + "/" in locs
    assert any(loc.endswith(catalog_site["column"]) for loc in locs)
    assert any(loc.endswith(catalog_site["item"]) for loc in locs)
    draft = GovInfoPage.objects.first()
    draft.unpublish()
    locs_after = client.get("/sitemap.xml").content.decode()
    assert draft.url_path not in locs_after and len(locs_after) < len(response.content.decode())


@pytest.mark.django_db
def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /django-admin/" in lines
    assert f"Sitemap: {settings.GONGKAI_BASE_URL}/sitemap.xml" in lines


def test_robots_sitemap_and_feeds_use_the_sites_address_not_the_request_host(client, catalog_site, settings):
    """Behind a proxy the request may arrive as 10.0.3.7:8000; crawlers and feed readers must still be sent to the
    address the city publishes."""
    settings.GONGKAI_BASE_URL = "https://www.enshi.gov.cn"
    settings.ALLOWED_HOSTS = ["10.0.3.7"]
    host = {"HTTP_HOST": "10.0.3.7:8000"}
    robots = client.get("/robots.txt", **host).content.decode()
    assert "Sitemap: https://www.enshi.gov.cn/sitemap.xml" in robots.splitlines()
    sitemap = client.get("/sitemap.xml", **host).content.decode()
    assert "https://www.enshi.gov.cn" + catalog_site["item"] in sitemap
    assert "10.0.3.7" not in sitemap and "localhost" not in sitemap
    feed = ET.fromstring(client.get(f"/feeds/{catalog_site['column_id']}/rss.xml", **host).content).find(
        "channel"
    )
    assert feed.find("link").text == "https://www.enshi.gov.cn" + catalog_site["column"]
    assert all(i.find("link").text.startswith("https://www.enshi.gov.cn/") for i in feed.findall("item"))
