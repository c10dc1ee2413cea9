"""Which site a request or a staff account sees (docs/multisite.md): the scope rules that the department models
and the site helpers (`gongkai.org.sites`) both stand on. Imports no model of this app."""

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
