"""The 公文 typefaces (issue 15): the PDFs staff send set the body in 仿宋, headings in 黑体/楷体 and the title in a
bold 宋体 — the Fandol faces fetched from Debian at install — and stay readable where they could not be fetched."""

import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from gongkai.core import fonts, officialdoc

LETTER = [
    ("title", "恩施市人民政府办公室政府信息公开申请答复书"),
    ("number", "恩市政务公开〔2026〕42号"),
    ("salutation", "谭志强："),
    ("body", "本机关于2026年9月25日收到您提出的政府信息公开申请，现答复如下。"),
    ("heading", "一、申请内容"),
    ("heading2", "（一）低保资金发放标准"),
    ("body", "经查，2025年度本市城乡居民最低生活保障标准为：城市居民每人每月720元。"),
    ("signature", "恩施市人民政府办公室"),
    ("date", "2026年10月20日"),
]

needs_fandol = pytest.mark.skipif(bool(fonts.missing()), reason="公文字体未下载（gongkai fonts --fetch）")


def embedded_fonts(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@needs_fandol
def test_the_reply_letter_pdf_uses_fangsong_for_the_body_and_heiti_kaiti_song_for_the_rest():
    names = embedded_fonts(officialdoc.render_pdf(LETTER))
    assert {"FandolFangR", "FandolHei", "FandolKai", "FandolSong"} <= {n.split("-")[0] for n in names}, names
    assert not any("Noto" in n for n in names)


def test_without_the_fandol_files_the_letter_falls_back_to_noto_and_says_what_is_missing(
    settings, tmp_path, monkeypatch
):
    settings.FONT_DIR = tmp_path / "none"
    monkeypatch.setattr(fonts, "PACKAGE_DIR", "nonexistent/fandol")
    assert [role.key for role in fonts.missing()] == ["fang", "hei", "kai", "song", "title"]
    assert fonts.fontconfig_file() is None
    pdf = officialdoc.render_pdf(LETTER)
    text = "".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace("\x00", "").split())
    assert "政府信息公开申请答复书" in text and "谭志强" in text
    assert all("Noto" in name for name in embedded_fonts(pdf))


@needs_fandol
def test_the_fontconfig_file_maps_the_official_names_word_documents_carry_to_the_fandol_faces():
    conf = fonts.fontconfig_file()
    expected = {
        "仿宋_GB2312": "FandolFang:Regular",
        "黑体": "FandolHei:Regular",
        "楷体_GB2312": "FandolKai:Regular",
        "方正小标宋简体": "FandolSong Bold:Bold",
        "宋体": "FandolSong:Regular",
    }
    env = {"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin"}
    for name, face in expected.items():
        out = subprocess.run(
            ["fc-match", "--format=%{family[0]}:%{style[0]}", name], env=env, capture_output=True, text=True
        )
        assert out.stdout == face, (name, out.stdout, out.stderr)


def test_fetch_copies_the_fonts_and_their_licence_out_of_debians_package(settings, tmp_path, monkeypatch):
    """The download itself is Debian's (apt-get download); what fetch does with the package is checked on a
    package laid out as texlive-lang-chinese is, built here with dpkg-deb."""
    if subprocess.run(["which", "dpkg-deb"], capture_output=True).returncode:
        pytest.skip("需要 dpkg-deb")
    tree = tmp_path / "pkg"
    fontdir = tree / fonts.PACKAGE_DIR
    fontdir.mkdir(parents=True)
    for role in fonts.ROLES:
        (fontdir / role.file).write_bytes(b"OTTO" + role.file.encode())
    docdir = tree / Path(fonts.LICENCE_FILES[0]).parent
    docdir.mkdir(parents=True)
    (docdir / "README").write_text("These fonts's licensing is GPL + GPL font exception.\n")
    (tree / "DEBIAN").mkdir()
    (tree / "DEBIAN" / "control").write_text(
        "Package: texlive-lang-chinese\nVersion: 2022.20230122-1\nArchitecture: all\n"
        "Maintainer: test <t@example.org>\nDescription: test\n"
    )
    deb = tmp_path / "texlive-lang-chinese_2022.20230122-1_all.deb"
    subprocess.run(["dpkg-deb", "--build", "-Zgzip", str(tree), str(deb)], check=True, capture_output=True)

    def run(cmd, cwd=None, **kwargs):
        if cmd[:2] == ["apt-get", "download"]:
            (Path(cwd) / deb.name).write_bytes(deb.read_bytes())
            return subprocess.CompletedProcess(cmd, 0, "", "")
        return subprocess.run(cmd, cwd=cwd, **kwargs)

    settings.FONT_DIR = tmp_path / "fonts"
    monkeypatch.setattr(fonts.shutil, "which", lambda name: f"/usr/bin/{name}")
    copied = fonts.fetch(run=run)
    assert sorted(p.name for p in copied) == sorted({role.file for role in fonts.ROLES})
    assert (settings.FONT_DIR / "Fandol-README").read_text().startswith("These fonts")
    assert (settings.FONT_DIR / "FandolFang-Regular.otf").read_bytes() == b"OTTOFandolFang-Regular.otf"


def test_a_failed_download_says_why_in_chinese_and_copies_nothing(settings, tmp_path, monkeypatch):
    settings.FONT_DIR = tmp_path / "fonts"
    monkeypatch.setattr(fonts.shutil, "which", lambda name: f"/usr/bin/{name}")

    def run(cmd, cwd=None, **kwargs):
        return subprocess.CompletedProcess(cmd, 100, "", "E: Unable to locate package texlive-lang-chinese")

    with pytest.raises(fonts.FontFetchError, match="apt-get download texlive-lang-chinese 失败"):
        fonts.fetch(run=run)
    assert not (tmp_path / "fonts").exists()


_fixed = len  # every character one unit wide: widths in characters


@pytest.mark.parametrize(
    "text, width, lines",
    [
        # a comma may not begin a line: the character before it goes down with it (避头)
        ("本机关收到您提出的申请，现答复如下。", 11, ["本机关收到您提出的申", "请，现答复如下。"]),
        # an opening bracket may not end a line (避尾)
        (
            "依据《中华人民共和国政府信息公开条例》",
            3,
            ["依据", "《中华", "人民共", "和国政", "府信息", "公开条", "例》"],
        ),
        # a tracking code is not split when it fits a line
        ("查询码YSQ2026-EQF53Z请妥善保存", 16, ["查询码", "YSQ2026-EQF53Z请妥", "善保存"]),
        # a run longer than the line breaks where it must
        ("ABCDEFGHIJ", 4, ["ABCD", "EFGH", "IJ"]),
        ("短句。", 10, ["短句。"]),
    ],
)
def test_lines_are_broken_between_characters_with_the_chinese_punctuation_rules(text, width, lines):
    assert officialdoc.break_lines(text, width, _fixed) == lines


def test_a_long_title_is_set_in_lines_of_about_equal_length_not_with_one_character_left_over():
    title = "恩施市人民政府办公室政府信息公开申请答复书"  # 21 characters on a 20-character line
    width = officialdoc.balanced_width(title, 20, _fixed)
    assert [len(line) for line in officialdoc.break_lines(title, width, _fixed)] == [11, 10]
    assert officialdoc.balanced_width("政府信息公开申请答复书", 20, _fixed) == 20
