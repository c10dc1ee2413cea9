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

_SCOPE_ATTR = "_gongkai_site_scope"
ALL = object()  # the scope of a platform-wide user


def default_site():
    return Site.objects.filter(is_default_site=True).first()


def current_site(request):
    """The site of a request (hostname and port, as Wagtail serves pages), else the default site, else None."""
    if request is None:
        return default_site()
    site = Site.find_for_request(request)
    return site if site is not None else default_site()


def user_scope(user):
    """`ALL` for a platform-wide user; otherwise the id of the one site the user works in (None if their department
    has no site). Cached on the user object for the request."""
    from gongkai.core.roles import is_office, user_department

    cached = getattr(user, _SCOPE_ATTR, None)
    if cached is not None:
        return cached[0]
    department = user_department(user)
    if getattr(user, "is_superuser", False) or (department is None and is_office(user)):
        scope = ALL
    else:
        scope = department.site_id if department is not None else None
    try:
        setattr(user, _SCOPE_ATTR, (scope,))
    except AttributeError:  # AnonymousUser and the like
        pass
    return scope


def is_platform_wide(user):
    return user_scope(user) is ALL


def site_q(field, site_id):
    """Q for "`field` (a site FK path) is this site"; a None site matches rows without a site."""
    if site_id is None:
        return Q(**{f"{field}__isnull": True})
    return Q(**{field: site_id})


def filter_for_user(queryset, user, field):
    """`queryset` narrowed to the user's site through `field` (e.g. "department__site" or "site")."""
    scope = user_scope(user)
    if scope is ALL:
        return queryset
    return queryset.filter(site_q(field, scope))


def may_see_site(user, site_id):
    scope = user_scope(user)
    return scope is ALL or scope == site_id


def departments_for_user(user):
    """The departments a staff user works with: all (platform-wide), the office's site, or their own."""
    from gongkai.core.roles import sees_all_departments, user_department

    from .models import Department

    if sees_all_departments(user):
        return filter_for_user(Department.objects.all(), user, "site")
    department = user_department(user)
    return Department.objects.filter(pk=department.pk) if department else Department.objects.none()


def departments_of_site(site):
    """The departments of a public site (departments without a site count as the default site's)."""
    from .models import Department

    if site is None:
        return Department.objects.all()
    if site.is_default_site:
        return Department.objects.filter(Q(site=site) | Q(site__isnull=True))
    return Department.objects.filter(site=site)


def public_site_q(field, site):
    """Q for the public side: rows of `site` through the site FK path `field` (rows without a site belong to the
    default site). No site at all (a bare test database): everything."""
    if site is None:
        return Q()
    q = Q(**{field: site.pk})
    if site.is_default_site:
        q |= Q(**{f"{field}__isnull": True})
    return q


def site_for_actor(user):
    """The site something a staff member files belongs to: their own site, else (platform-wide, or no actor) the
    default site."""
    scope = user_scope(user) if getattr(user, "is_authenticated", False) else ALL
    if scope is ALL or scope is None:
        return default_site()
    return Site.objects.filter(pk=scope).first()


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
