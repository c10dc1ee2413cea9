"""Absolute addresses the platform writes (SMS and e-mail texts, the health crawler, reminders): one place.

The default site's address is GONGKAI_BASE_URL (settings: else `https://<first ALLOWED_HOSTS>` in production, else
http://127.0.0.1:<PORT>; `gongkai serve --port N` passes its own address to its processes when none is set). A
further site of the platform (集约化, docs/multisite.md) is at its Wagtail Site's host name and port."""

from urllib.parse import urlsplit

from django.conf import settings


def _site(site):
    from wagtail.models import Site

    if site is None or isinstance(site, Site):
        return site
    return Site.objects.filter(pk=site).first()


def base_url(site=None):
    """scheme://host[:port] of `site` (a Site, its id, or None: the default site), without a trailing slash."""
    configured = settings.GONGKAI_BASE_URL.rstrip("/")
    site = _site(site)
    if site is None or site.is_default_site:
        return configured
    https = site.port == 443 or (urlsplit(configured).scheme == "https" and site.port == 80)
    default_port = 443 if https else 80
    port = "" if site.port in (default_port, 80, 443) else f":{site.port}"
    return f"{'https' if https else 'http'}://{site.hostname}{port}"


def absolute(path, site=None):
    """The absolute address of `path` ("/liuyan/chaxun/") on `site`."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{base_url(site)}/{path.lstrip('/')}"


def page_url(page, request=None):
    """The absolute address of a Wagtail page on its own site (its path within the site it belongs to)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    site_id, _root_url, page_path = parts
    return absolute(page_path, site_id)
