"""Two sites on one platform (集约化): the city's site (the default one) and 龙凤镇's, each with its own departments,
office, catalog and a published item."""

import datetime

import pytest
from wagtail.models import Page, Site

from gongkai.core import roles
from gongkai.demo.disclosure import import_published
from gongkai.disclosure import setup
from gongkai.disclosure.models import Topic
from gongkai.org.models import Department
from gongkai.portal.models import HomePage, SiteIdentity
from gongkai.portal.setup import ensure_home

B_HOST = "longfeng.example.gov.cn"


@pytest.fixture(autouse=True)
def _plain_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.GONGKAI_RATE_LIMITS = False


@pytest.fixture
def site_a(db):
    ensure_home()
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    identity.site_name, identity.site_id_code = "恩施市人民政府", "4228010001"
    identity.save()
    return site


@pytest.fixture
def site_b(site_a):
    home = HomePage(title="恩施市龙凤镇人民政府", slug="longfeng", intro="<p>龙凤镇政务公开</p>")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=B_HOST, port=80, root_page=home, site_name="恩施市龙凤镇人民政府")
    identity = SiteIdentity.for_site(site)
    identity.site_name, identity.site_id_code = "恩施市龙凤镇人民政府", "4228010103"
    identity.site_domain = B_HOST
    identity.save()
    return site


@pytest.fixture
def b_office_dept(site_b):
    return Department.objects.create(
        name="龙凤镇政务公开办公室", short_name="镇政务公开办", code="114228019000001XXX",
        kind=Department.Kind.OFFICE, site=site_b,
    )  # fmt: skip


@pytest.fixture
def b_dept(site_b):
    return Department.objects.create(
        name="龙凤镇村镇建设办公室", short_name="镇村镇建设办", code="114228019000003YYY",
        kind=Department.Kind.TOWN, site=site_b, doc_prefix="龙凤建发",
    )  # fmt: skip


@pytest.fixture
def a_office(make_staff, office_dept, site_a):
    return make_staff(office_dept, roles.OFFICE, username="gkb")


@pytest.fixture
def b_office(make_staff, b_office_dept):
    return make_staff(b_office_dept, roles.OFFICE, username="lf_gkb")


@pytest.fixture
def b_editor(make_staff, b_dept):
    return make_staff(b_dept, roles.EDITOR, username="lf_editor")


@pytest.fixture
def two_sites(site_a, site_b, edu, b_dept, office_dept, b_office_dept, a_office, b_office):
    """Both catalogs, one published item in each (the same words, so a search finds both if unscoped)."""
    topic = Topic.objects.get(name="住房", parent__name="城乡建设、环境保护")
    out = {"a": {}, "b": {}}
    for key, site, dept, publisher in (("a", site_a, edu, a_office), ("b", site_b, b_dept, b_office)):
        root = setup.ensure_root(site.root_page.specific)
        catalog = setup.ensure_department_catalog(root, dept)
        out[key]["catalog"] = catalog
        out[key]["item"] = import_published(
            setup.column(catalog, "fdzdgknr", "tzgg"),
            datetime.date(2026, 11, 20),
            publisher,
            {
                "title": f"{dept.short_name}关于2026年农村危房改造补助对象的公示",
                "department": dept,
                "topic": topic,
                "genre": "公告",
                "written_date": datetime.date(2026, 11, 18),
                "summary": "农村危房改造补助对象公示",
                "body": "<p>经农户申请、村民代表评议，拟确定以下农户为农村危房改造补助对象，公示期 7 天。</p>",
            },
        )
    return out
