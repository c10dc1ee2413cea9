"""One deployment, many sites (集约化, MISSION B5; docs/multisite.md).

A site is a Wagtail `Site` (hostname + port, its own page tree and site settings). Every department belongs to one
site (`Department.site`; a department created without one joins the default site), and every case a citizen files
belongs to the site it was filed on. Who sees what:

- department staff: their own department (unchanged, `DepartmentScopedQuerySet.for_user`);
- the disclosure office (政务公开办): the departments and cases of the site of its own department;
- platform-wide: superusers, and office accounts bound to no department (the operator of the whole platform,
  e.g. a county's office supervising its towns' sites).

The public side resolves the site of the request (`current_site`) and shows, offers and files only that site's
departments, items, cases and search entries.
"""

from django.db.models import Q
from wagtail.models import Site

from .models import Department
from .scope import (
    _SCOPE_ATTR,
    ALL,
    current_site,
    default_site,
    filter_for_user,
    is_platform_wide,
    may_see_site,
    public_site_q,
    site_for_actor,
    site_q,
    user_scope,
)

# the scope rules live in `scope` (the department models stand on them); callers know them as `sites.…` too
__all__ = [
    "ALL",
    "OFFICE_GROUP_PREFIX",
    "_SCOPE_ATTR",
    "current_site",
    "default_site",
    "departments_for_user",
    "departments_of_site",
    "filter_for_user",
    "is_platform_wide",
    "may_see_site",
    "office_group",
    "public_filter",
    "public_pages",
    "public_site_q",
    "site_for_actor",
    "site_q",
    "sync_office_groups",
    "user_scope",
]


def departments_for_user(user):
    """The departments a staff user works with: all (platform-wide), the office's site, or their own."""
    from gongkai.core.roles import sees_all_departments, user_department

    if sees_all_departments(user):
        return filter_for_user(Department.objects.all(), user, "site")
    department = user_department(user)
    return Department.objects.filter(pk=department.pk) if department else Department.objects.none()


def departments_of_site(site):
    """The departments of a public site (departments without a site count as the default site's)."""
    if site is None:
        return Department.objects.all()
    if site.is_default_site:
        return Department.objects.filter(Q(site=site) | Q(site__isnull=True))
    return Department.objects.filter(site=site)


# --- the office's page permissions, per site ------------------------------------------------------------------
OFFICE_GROUP_PREFIX = "网站政务公开办："


def office_group(site):
    """The group that holds the office's page permissions on one site's catalog (`disclosure.setup.ensure_root`);
    an office account is a member of its own site's group only, so in the page explorer it sees its own site."""
    from django.contrib.auth.models import Group

    return Group.objects.get_or_create(name=f"{OFFICE_GROUP_PREFIX}{site.pk}")[0]


def sync_office_groups(user):
    """Put an office account in the office group of its site (all sites when platform-wide) and take everyone else
    out of those groups. Called when staff are created or their roles change, and by `ensure_root`."""
    from django.contrib.auth.models import Group

    from gongkai.core.roles import is_office

    user.__dict__.pop("_gongkai_roles", None)
    user.__dict__.pop(_SCOPE_ATTR, None)
    wanted = set()
    if is_office(user):
        scope = user_scope(user)
        if scope is ALL:
            wanted = {office_group(s).pk for s in Site.objects.all()}
        elif scope is not None:
            site = Site.objects.filter(pk=scope).first()
            wanted = {office_group(site).pk} if site else set()
    current = set(user.groups.filter(name__startswith=OFFICE_GROUP_PREFIX).values_list("pk", flat=True))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(pk__in=current - wanted))
    if wanted - current:
        user.groups.add(*Group.objects.filter(pk__in=wanted - current))
    user.__dict__.pop("_gongkai_roles", None)


def public_filter(queryset, site, field="department"):
    """`queryset` narrowed to the objects whose owner department (through `field`) belongs to `site` — as a
    subquery on the department ids, so indexes on the department column keep working. No site: unchanged."""
    if site is None:
        return queryset
    return queryset.filter(**{f"{field}__in": departments_of_site(site).values("pk")})


def public_pages(queryset, site, field=None):
    """Pages (or objects pointing at pages through `field`) not in another site's page tree (a page outside every
    site's tree, e.g. a shared document page, stays visible everywhere)."""
    if site is None:
        return queryset
    prefix = f"{field}__" if field else ""
    own = site.root_page.path
    for path in Site.objects.exclude(pk=site.pk).values_list("root_page__path", flat=True):
        if not own.startswith(path):  # another site's tree (not one that contains this site's own root)
            queryset = queryset.exclude(**{f"{prefix}path__startswith": path})
    return queryset
