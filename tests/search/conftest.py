"""Search fixtures: entries indexed through the real interface (gongkai.search.index), realistic Chinese text.

paragraphs.json: 88 paragraphs of national laws and regulations taken from shared/data/cn-law-paragraphs-200k
(public-domain official texts, PRC Copyright Law Art. 5(1)); used for the recall/precision check."""

import datetime
import json
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai.search import index
from gongkai.search.models import Kind, Validity

HERE = Path(__file__).parent


@pytest.fixture
def source_type(db):
    """A content type standing for 'a paragraph of the fixture corpus' (sources need not be model rows)."""
    content_type, _ = ContentType.objects.get_or_create(app_label="tests", model="paragraph")
    return content_type


@pytest.fixture
def add(source_type):
    counter = {"n": 0}

    def add(title, body="", **fields):
        counter["n"] += 1
        object_id = fields.pop("object_id", counter["n"])
        fields.setdefault("url", f"/xxgk/{object_id}/")
        return index.update_source(source_type, object_id, index.Document(title=title, body=body, **fields))

    return add


@pytest.fixture
def paragraphs(add):
    """The 88 real paragraphs, indexed; returns [(entry, title, body)]."""
    rows = json.loads((HERE / "paragraphs.json").read_text(encoding="utf-8"))
    return [(add(r["title"], r["body"], object_id=r["id"]), r["title"], r["body"]) for r in rows]


@pytest.fixture
def enshi(add, edu, hrss):
    """A small disclosure site: items, an interpretation, a service, a Q&A and a message of two departments."""
    return {
        "item": add(
            "恩施市不动产登记中心关于优化不动产登记办理流程的通知",
            "为进一步优化营商环境，办理不动产登记的申请材料由原来的八项精简为四项，申请人可在政务服务中心一窗受理。",
            number="恩市自然资发〔2025〕12号",
            department_id=hrss.pk,
            department_name=hrss.name,
            column="通知公告",
            topic="国土资源、能源",
            validity=Validity.VALID,
            published=datetime.date(2025, 3, 18),
        ),
        "old": add(
            "恩施市城乡居民基本医疗保险实施办法",
            "参加城乡居民基本医疗保险的人员，应当按规定缴纳医疗保险费。本办法自发布之日起施行。",
            number="恩市政发〔2016〕7号",
            department_id=hrss.pk,
            department_name=hrss.name,
            column="政策文件",
            topic="劳动、人事、监察",
            validity=Validity.REPEALED,
            published=datetime.date(2016, 5, 9),
        ),
        "interpretation": add(
            "《恩施市义务教育阶段学校招生入学工作方案》政策解读",
            "今年义务教育招生坚持免试就近入学，不动产登记证明与户籍证明可作为居住证明材料。",
            kind=Kind.INTERPRETATION,
            department_id=edu.pk,
            department_name=edu.name,
            column="政策解读",
            topic="教育",
            published=datetime.date(2025, 6, 2),
        ),
        "service": add(
            "社保卡补换办理指南",
            "社会保障卡遗失后，持居民身份证到人社服务窗口办理补换，当场制卡。",
            kind=Kind.SERVICE,
            department_id=hrss.pk,
            department_name=hrss.name,
            column="办事指南",
            topic="劳动、人事、监察",
            published=datetime.date(2024, 11, 20),
        ),
        "qa": add(
            "二手房交易后多久能办好不动产登记？",
            "材料齐全的，自受理之日起五个工作日内办结。",
            kind=Kind.QA,
            column="政策问答",
            published=datetime.date(2025, 1, 7),
        ),
        "message": add(
            "关于小区门口道路积水的留言",
            "舞阳大道某小区门口每逢下雨积水严重，希望有关部门处理。",
            kind=Kind.MESSAGE,
            column="领导信箱",
            published=datetime.date(2025, 7, 1),
        ),
    }
