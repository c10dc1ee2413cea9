"""What the portal gives assessment (assessment/registry.py): the government's name as the site shows it, for the
annual report's title and text."""

from wagtail.models import Site

from gongkai.assessment.registry import provides

from .models import SiteIdentity


@provides("annual.government_name")
def government_name():
    """The default site's name (网站名称 of its SiteIdentity), or None when no site is set up."""
    site = Site.objects.filter(is_default_site=True).first()
    return SiteIdentity.for_site(site).site_name if site is not None else None
