"""The FOI notices as printed pages (issue 15 finding 6): every notice the procedure sends, rendered from its .docx
by LibreOffice (one conversion for the module), ends on a page that holds body text above the 落款 — GB/T 9704 has
no page with only the 署名, the seal and the date on it — and the contact block stays with the date."""

import datetime
import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from gongkai.core import fonts
from gongkai.foi import actions, letters
from gongkai.foi.models import NoticeKind

from .conftest import person_payload, shanghai

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="需要 LibreOffice（soffice）")

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

REPLY = (
    "经查，2025年度本市城乡居民最低生活保障标准为：城市居民每人每月720元，农村居民每人每年5520元；"
    "全年累计保障城市低保对象3862人、农村低保对象21475人，发放低保资金共计1.86亿元。"
    "各乡镇（街道）分月发放人数统计表已作为本答复书附件一并提供，请查收。"
    "表中个人姓名、身份证号码等信息涉及个人隐私，已作区分处理，仅提供汇总数据。"
)


@pytest.fixture
def notices(submit_case, office_dept, office_user, office_head, edu, edu_editor):
    """Every kind of notice, from two applications made at the end of September 2026."""
    office_dept.doc_prefix = "恩市政务公开"
    office_dept.phone = "0718-8222345"
    office_dept.address = "湖北省恩施市舞阳大道136号"
    office_dept.save()
    first = submit_case(at=shanghai(2026, 9, 24, 9))
    actions.confirm_receipt(office_user, first, at=shanghai(2026, 9, 24, 10))
    actions.request_correction(
        office_user,
        first,
        items="请写明所需信息的文件名称或者文号；请写明所需信息的所属年度和发布机关；请写明所需信息的用途",
        period_days=15,
        at=shanghai(2026, 9, 24, 11),
    )
    second = submit_case(
        person_payload(
            name="谭志强",
            description="请公开恩施市2025年城乡居民最低生活保障资金的发放标准、发放人数及各乡镇分月发放统计表。",
        ),
        at=shanghai(2026, 9, 25, 9),
    )
    actions.confirm_receipt(office_user, second, at=shanghai(2026, 9, 25, 10))
    actions.assign(office_user, second, edu, at=shanghai(2026, 9, 25, 11))
    actions.start_consultation(
        edu_editor, second, party="恩施市硒源茶业有限公司", at=shanghai(2026, 9, 25, 15)
    )
    actions.answer_consultation(
        edu_editor, second, opinion="同意公开", consent=True, at=shanghai(2026, 10, 9)
    )
    actions.approve_extension(
        office_head,
        second,
        days=20,
        reason="申请公开的信息涉及多个年度、多个乡镇的档案，需要调档检索和汇总",
        at=shanghai(2026, 10, 15, 10),
    )
    for name in ("2025年城乡低保资金发放标准.pdf", "2025年各乡镇（街道）低保分月发放人数统计表.pdf"):
        actions.attach_released_file(edu_editor, second, name=name, content=PDF, at=shanghai(2026, 10, 20))
    actions.department_reply(
        edu_editor, second, outcome="partial", reply_text=REPLY, at=shanghai(2026, 10, 20, 10)
    )
    actions.review(office_user, second, approve=True, secrecy_checked=True, at=shanghai(2026, 10, 20, 15))
    return {n.kind: n for app in (first, second) for n in app.notices.all()}


@pytest.fixture
def rendered(notices, tmp_path):
    """{kind: the PDF} LibreOffice renders from the notices' .docx (one conversion)."""
    paths = []
    for kind, notice in notices.items():
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(letters.build_docx(notice.paragraphs))
        paths.append(str(path))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *paths,
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=_with_official_fonts(),
    )
    return {kind: PdfReader(tmp_path / f"{kind}.pdf") for kind in notices}


def _with_official_fonts():
    """LibreOffice with the fontconfig file that maps 仿宋_GB2312/黑体/楷体_GB2312/方正小标宋简体 to Fandol."""
    env = dict(os.environ)
    conf = fonts.fontconfig_file()
    if conf:
        env["FONTCONFIG_FILE"] = str(conf)
    return env


@pytest.fixture
def pages(rendered):
    """{kind: [text of each page]}."""
    return {kind: [page.extract_text() for page in reader.pages] for kind, reader in rendered.items()}


@pytest.mark.skipif(bool(fonts.missing()), reason="公文字体未下载（gongkai fonts --fetch）")
def test_libreoffice_sets_every_notice_in_the_official_faces(rendered):
    for kind, reader in rendered.items():
        names = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
        assert any(name.startswith("FandolFang") for name in names), (kind, names)  # 正文 仿宋
        assert any(name.startswith("FandolSong-Bold") for name in names), (kind, names)  # 标题 小标宋


def _flat(text):
    return "".join(text.split())


def test_every_notice_ends_with_body_text_above_the_signature(notices, pages):
    assert set(pages) == {
        NoticeKind.RECEIPT,
        NoticeKind.CORRECTION,
        NoticeKind.CONSULTATION,
        NoticeKind.EXTENSION,
        NoticeKind.REPLY,
    }
    for kind, notice in notices.items():
        paragraphs = notice.paragraphs
        last_body = [text for k, text in paragraphs if k == "body"][-1]
        organ = next(text for k, text in paragraphs if k == "signature")
        day = next(text for k, text in paragraphs if k == "date")
        note = next(text for k, text in paragraphs if k == "note")
        last = _flat(pages[kind][-1])
        # the 落款 and the date on the last page, with the end of the body's last paragraph above them
        assert _flat(organ) in last and _flat(day) in last, kind
        assert _flat(last_body)[-12:] in last, (kind, len(pages[kind]))
        assert last.index(_flat(last_body)[-12:]) < last.index(_flat(organ)), kind
        # the contact block (附注) follows the date on the same page
        assert _flat(note)[-10:] in last, kind
        # the 附件说明 of the reply sits between the body and the 落款
        for name in (text for k, text in paragraphs if k == "attachment"):
            assert _flat(name) in "".join(_flat(p) for p in pages[kind]), kind
