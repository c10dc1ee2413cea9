from django.core.management.base import BaseCommand, CommandError

from gongkai.core import fonts


class Command(BaseCommand):
    help = (
        "公文字体（仿宋、黑体、楷体、小标宋）：显示本机是否具备；--fetch 从 Debian 软件源下载 Fandol 字体"
        "（texlive-lang-chinese，GPL 字体例外）到 var/fonts。见 core/fonts.py。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fetch", action="store_true", help="缺少时从 Debian 软件源下载（make install 会执行）"
        )
        parser.add_argument("--check", action="store_true", help="缺少任何一种字体时以非零状态退出")

    def handle(self, *args, fetch, check, **options):
        if fetch and fonts.missing():
            try:
                copied = fonts.fetch()
            except fonts.FontFetchError as exc:
                self.stderr.write(
                    f"未能下载公文字体：{exc}\n公文 PDF 将改用 Noto Sans CJK（黑体风格），仍可阅读。"
                )
            else:
                self.stdout.write(f"已下载公文字体 {len(copied)} 个到 {copied[0].parent}")
        for role in fonts.ROLES:
            path = fonts.official_font(role.key)
            self.stdout.write(f"  {role.label:<10} {path or '缺少（改用 Noto Sans CJK）'}")
        conf = fonts.fontconfig_file()
        if conf:
            self.stdout.write(
                f"LibreOffice 渲染 Word 公文：FONTCONFIG_FILE={conf} soffice --headless --convert-to pdf …"
            )
        if check and fonts.missing():
            raise CommandError("缺少公文字体：" + "、".join(role.label for role in fonts.missing()))
