"""Demo portal: the home page as the site root, the four main-menu hubs, 联系我们 and 网站声明 (portal/setup.py,
as production sets up every site), and the site identity."""

from django.db import transaction

from gongkai.portal.setup import ensure_home


@transaction.atomic
def load(stdout):
    ensure_home()
    stdout.write("  首页、四大功能区、联系我们与网站声明已就绪")
