"""Demo portal: the home page as the site root, the four function areas, and the site identity."""

from django.db import transaction

from gongkai.portal.models import SimplePage
from gongkai.portal.setup import ensure_home

AREAS = [
    ("信息发布", "xxfb", "政府信息公开目录、政策文件、通知公告、工作动态。"),
    ("解读回应", "jdhy", "政策解读、图解、新闻发布会、回应关切。"),
    ("办事服务", "bsfw", "主题服务、办事指南、政务服务事项与“清减降放”改革成果。"),
    ("互动交流", "hdjl", "依申请公开、领导留言、网站纠错、12345 热线、征集调查。"),
]


@transaction.atomic
def load(stdout):
    home = ensure_home()
    for title, slug, intro in AREAS:
        if not home.get_children().filter(slug=slug).exists():
            page = SimplePage(title=title, slug=slug, show_in_menus=True, body=f"<p>{intro}</p>")
            home.add_child(instance=page)
            page.save_revision().publish()
    stdout.write("  首页与四大功能区已就绪")
