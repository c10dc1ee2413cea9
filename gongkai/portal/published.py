"""Pages published as static files (production serving; issue 4, docs/deploy-portal.md).

When `GONGKAI_PUBLISHED_ROOT` is set, every live public page is rendered to `<root><url path>index.html` and nginx
serves those files directly (`try_files`), falling back to Django for anything not there: query strings (filters,
pagination), forms, the API, the admin. Publishing keeps the files true: when an item is published, changed,
withdrawn or unpublished, the item, its columns up to the catalog root, and the home page are rendered again in the
background (a django-tasks task); an unpublished page's file is removed. `gongkai published build` renders all.

Like the government CMSs that publish static HTML, a rendered page costs nginx nothing; what Django renders is the
same HTML (pinned by a test).

Many sites (集约化, docs/multisite.md): each site has its own directory under the root — the default site's is
`_default` (it answers every host name no other site claims, as Wagtail does), every other site's is its host name —
and `sites.map` (written by every build) tells nginx which host name goes to which directory.
"""

import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.models import Page, Site

logger = logging.getLogger("gongkai.portal")


def published_root():
    root = getattr(settings, "GONGKAI_PUBLISHED_ROOT", None) or os.environ.get("GONGKAI_PUBLISHED_ROOT")
    return Path(root) if root else None


DEFAULT_DIR = "_default"
SITES_MAP = "sites.map"


def site_dir(site):
    """The directory of a site under the root: `_default` or its (lower-case) host name."""
    if site.is_default_site:
        return DEFAULT_DIR
    name = site.hostname.lower().strip()
    if not name or name.startswith(".") or "/" in name or name == DEFAULT_DIR:
        return None
    return name


def write_sites_map(root=None):
    """nginx `map $host` lines: each non-default site's host name → its directory (the default is `_default`)."""
    root = root or published_root()
    if root is None:
        return None
    root.mkdir(parents=True, exist_ok=True)
    lines = ["# written by `gongkai published build`: host name → directory of its published pages"]
    for site in Site.objects.filter(is_default_site=False).order_by("hostname", "port"):
        name = site_dir(site)
        if name:
            lines.append(f"{name} {name};")
    target = root / SITES_MAP
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _path_for(root, page, site):
    name = site_dir(site)
    if name is None:
        return None
    root = root / name
    relative = (
        page.url_path[len(site.root_page.url_path) :]
        if page.url_path.startswith(site.root_page.url_path)
        else None
    )
    if relative is None:
        return None
    target = (root / relative / "index.html").resolve()
    if root.resolve() not in target.parents:
        return None
    return target


def render(page, site=None):
    """The HTML an anonymous visitor gets for `page`, through Wagtail's own serve path."""
    site = site or page.get_site()
    factory = RequestFactory()
    request = factory.get(
        page.url_path[len(site.root_page.url_path) - 1 :] or "/",
        HTTP_HOST=site.hostname if site.hostname != "*" else "localhost",
        SERVER_PORT=str(site.port),
    )
    request.user = AnonymousUser()
    request.session = {}
    request._wagtail_site = site
    response = page.specific.serve(request)
    if hasattr(response, "render"):
        response = response.render()
    if response.status_code != 200:
        return None
    return response.content


def write_page(page, root=None, site=None):
    root = root or published_root()
    if root is None:
        return None
    site = site or page.get_site()
    if site is None:
        return None
    target = _path_for(root, page, site)
    if target is None:
        return None
    if not page.live or page.get_view_restrictions().exists():
        remove_page(page, root, site)
        return None
    content = render(page, site)
    if content is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".html")
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)  # atomic: nginx never serves a half-written page
    return target


def remove_page(page, root=None, site=None):
    root = root or published_root()
    site = site or page.get_site()
    if root is None or site is None:
        return
    target = _path_for(root, page, site)
    if target and target.exists():
        target.unlink()


def affected_pages(page):
    """The page itself and every ancestor below the tree root (its columns, catalog, the home page)."""
    return [*page.get_ancestors().filter(depth__gt=1).specific(), page.specific]


def refresh(page_id):
    root = published_root()
    if root is None:
        return []
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return []
    written = []
    for p in affected_pages(page):
        try:
            path = write_page(p, root)
        except Exception:
            logger.exception("rendering page %s to a static file failed", p.pk)
            continue
        if path:
            written.append(path)
    return written


def build_all(progress=None):
    root = published_root()
    if root is None:
        raise RuntimeError("GONGKAI_PUBLISHED_ROOT is not set")
    count = 0
    write_sites_map(root)
    for site in Site.objects.all():
        pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).specific()
        for page in pages.iterator():
            if write_page(page, root, site):
                count += 1
            if progress:
                progress(1)
    return count
