import pytest
from wagtail.models import Page

from gongkai.portal.models import SimplePage
from gongkai.readaloud.engines import ESpeakNGEngine


class CountingEngine(ESpeakNGEngine):
    """The real eSpeak NG engine, counting how often it is asked to speak (to prove cache hits)."""

    calls = []

    def synthesize(self, text):
        CountingEngine.calls.append(text)
        return super().synthesize(text)


BODY = (
    "<h2>一、工作目标</h2>"
    "<p>为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步做好恩施市政务公开工作，"
    "根据《恩施市人民政府办公室关于印发2024年政务公开工作要点的通知》（恩市政办发〔2024〕3号）精神，"
    "结合我市实际，制定本方案。</p>"
    '<p>各乡镇人民政府、各办事处要<a href="/zhengce/">按时发布</a>法定主动公开内容！'
    "全年主动公开政府信息不少于1,200条，办结率达到98.5%。</p>"
    "<ul><li>市教育局负责教育领域信息公开；</li><li>市人社局负责就业创业信息公开。</li></ul>"
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_TTS_ENGINE = "tests.readaloud.conftest.CountingEngine"
    CountingEngine.calls = []
    return settings.MEDIA_ROOT


@pytest.fixture
def root_page(db):
    return Page.objects.get(depth=1)


@pytest.fixture
def publish_page(root_page):
    def make(title="恩施市2024年政务公开工作实施方案", body=BODY, slug=None, publish=True):
        page = SimplePage(title=title, body=body, slug=slug or f"fangan-{SimplePage.objects.count() + 1}")
        root_page.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page

    return make
