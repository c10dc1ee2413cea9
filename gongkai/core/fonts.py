"""The typefaces of the documents staff send: 仿宋 for the body, 黑体 and 楷体 for headings, a bold 宋体 for titles.

GB/T 9704-2012 sets 公文 in 仿宋_GB2312 (正文), 黑体 (一级标题), 楷体_GB2312 (二级标题) and 小标宋 (标题) — fonts an
office's Windows has and a Linux server does not. The free families that cover GB 2312 in those four styles are
the **Fandol fonts** (FandolFang, FandolHei, FandolKai, FandolSong; Fandol team, GPL v3 with the font exception, so
a PDF that embeds them carries no licence obligation). No PyPI or npm package ships them; Debian ships them inside
`texlive-lang-chinese`. `gongkai fonts --fetch` (run by `make install`) downloads that one package with
`apt-get download` — nothing is installed system-wide, no root needed — and copies the OpenType files, their licence
and README into ``settings.FONT_DIR`` (var/fonts); a machine with the package installed is used as it is.

The same directory gets a fontconfig file (`fontconfig_file()`) that maps the official names the .docx carries
(仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体, 宋体) to the Fandol families, so LibreOffice renders the Word
documents with the right faces: ``FONTCONFIG_FILE=var/fonts/fonts.conf soffice --convert-to pdf …``.

Where the fonts could not be fetched (no apt, no network at install), every role falls back to Noto Sans CJK from
PyPI (`core.documents.cjk_font_path`): the documents stay readable and `gongkai fonts` says what is missing.
"""

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DEBIAN_PACKAGE = "texlive-lang-chinese"
#: where Debian's package puts them, inside the package and on a machine that has it installed
PACKAGE_DIR = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
LICENCE_FILES = (
    "usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz",
    "usr/share/doc/texlive-doc/fonts/fandol/README",
)


@dataclass(frozen=True)
class Role:
    key: str  # the name the PDF builder registers the face under
    file: str  # the Fandol file
    family: str  # its fontconfig family
    official: tuple[str, ...]  # the names Word documents use for it (GB/T 9704 and their common aliases)
    label: str


ROLES = (
    Role(
        "fang",
        "FandolFang-Regular.otf",
        "FandolFang",
        ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312"),
        "仿宋（正文）",
    ),
    Role("hei", "FandolHei-Regular.otf", "FandolHei", ("黑体", "SimHei"), "黑体（一级标题）"),
    Role(
        "kai",
        "FandolKai-Regular.otf",
        "FandolKai",
        ("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312"),
        "楷体（二级标题）",
    ),
    Role("song", "FandolSong-Regular.otf", "FandolSong", ("宋体", "SimSun"), "宋体（页码）"),
    Role(
        "title",
        "FandolSong-Bold.otf",
        "FandolSong Bold",
        ("方正小标宋简体", "方正小标宋_GBK", "小标宋"),
        "小标宋（标题）",
    ),
)
ROLE = {role.key: role for role in ROLES}


class FontFetchError(Exception):
    pass


def font_dirs():
    """Where the Fandol files are looked for, first match wins: the platform's own directory, then Debian's."""
    return [Path(settings.FONT_DIR), Path("/") / PACKAGE_DIR]


def official_font(key):
    """The path of the Fandol file for a role ("fang", "hei", "kai", "song", "title"), or None if not fetched."""
    name = ROLE[key].file
    for directory in font_dirs():
        if (directory / name).is_file():
            return directory / name
    return None


def pdf_fonts():
    """{role: path} for the PDF builder: the Fandol face of each role, Noto Sans CJK where it is missing."""
    from gongkai.core.documents import cjk_font_path

    return {role.key: str(official_font(role.key) or cjk_font_path()) for role in ROLES}


def missing():
    """The roles whose official face is not available on this machine."""
    return [role for role in ROLES if official_font(role.key) is None]


def fontconfig_file():
    """Write (if needed) and return the fontconfig file that lets LibreOffice render the official names with the
    Fandol faces; None when the fonts are not here."""
    found = {role.key: official_font(role.key) for role in ROLES}
    if not all(found.values()):
        return None
    target = Path(settings.FONT_DIR) / "fonts.conf"
    cache = Path(settings.FONT_DIR) / "fontconfig-cache"
    dirs = sorted({str(path.parent) for path in found.values()})
    aliases = []
    for role in ROLES:
        for name in role.official:
            edit = f'<edit name="family" mode="assign" binding="same"><string>{role.family}</string></edit>'
            aliases.append(
                f'  <match target="pattern"><test name="family"><string>{name}</string></test>{edit}</match>'
            )
    text = "\n".join(
        [
            '<?xml version="1.0"?>',
            '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
            "<!-- written by gongkai.core.fonts: the 公文 font names mapped to the Fandol faces -->",
            "<fontconfig>",
            # a cache of its own, first: one built without the scan rule below would hide it
            f"  <cachedir>{cache}</cachedir>",
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
            *[f"  <dir>{d}</dir>" for d in dirs],
            # FandolSong-Bold says weight 400 and family FandolSong like the regular face, so LibreOffice, which
            # asks by family and weight, would take either: the bold face gets a family of its own when scanned
            '  <match target="scan">',
            f'    <test name="file"><string>{found["title"]}</string></test>',
            f'    <edit name="family" mode="assign" binding="same"><string>{ROLE["title"].family}</string></edit>',
            '    <edit name="weight" mode="assign"><const>bold</const></edit>',
            "  </match>",
            *aliases,
            "</fontconfig>",
            "",
        ]
    )
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(cache, ignore_errors=True)
        target.write_text(text, encoding="utf-8")
    return target


def fetch(run=subprocess.run):
    """Download Debian's package and copy the Fandol files into settings.FONT_DIR. Returns the files copied."""
    target = Path(settings.FONT_DIR)
    if shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
        raise FontFetchError(
            "本机没有 apt-get / dpkg-deb（非 Debian 系统）：请手工把 Fandol 字体放入 " + str(target)
        )
    with tempfile.TemporaryDirectory() as tmp:
        result = run(["apt-get", "download", DEBIAN_PACKAGE], cwd=tmp, capture_output=True, text=True)
        debs = list(Path(tmp).glob(f"{DEBIAN_PACKAGE}_*.deb"))
        if result.returncode != 0 or not debs:
            raise FontFetchError(
                f"apt-get download {DEBIAN_PACKAGE} 失败：{(result.stderr or '').strip()[-300:]}"
            )
        unpacked = Path(tmp) / "x"
        result = run(["dpkg-deb", "-x", str(debs[0]), str(unpacked)], capture_output=True, text=True)
        if result.returncode != 0:
            raise FontFetchError(f"dpkg-deb 解包失败：{result.stderr.strip()[-300:]}")
        target.mkdir(parents=True, exist_ok=True)
        copied = []
        for name in sorted({role.file for role in ROLES}):
            source = unpacked / PACKAGE_DIR / name
            if not source.is_file():
                raise FontFetchError(f"{DEBIAN_PACKAGE} 中没有 {name}")
            shutil.copyfile(source, target / name)
            copied.append(target / name)
        for licence in LICENCE_FILES:
            source = unpacked / licence
            if source.is_file():
                shutil.copyfile(source, target / f"Fandol-{source.name}")
    fontconfig_file()
    return copied
