"""The portal's own public URLs, mounted at the site root before Wagtail's page serving (gongkai/urls.py)."""

from django.urls import path

from . import feeds, views

app_name = "portal"

urlpatterns = [
    path("a11y/", views.a11y_switch, name="a11y"),
    path("a11y/mode.css", views.mode_css, name="a11y_css"),
    path("kiosk/", views.kiosk, name="kiosk"),
    path("feeds/<int:page_id>/rss.xml", feeds.ColumnRssFeed(), name="feed_rss"),
    path("feeds/<int:page_id>/atom.xml", feeds.ColumnAtomFeed(), name="feed_atom"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("wzdt/", views.site_map, name="site_map"),
]
