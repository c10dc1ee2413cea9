"""The `gongkai` console script: Django's manage.py for this project."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    if sys.argv[1:2] == ["demo"] and os.environ.get("GONGKAI_ENV") == "production":
        # production settings do not install the demo app, so Django would only say "Unknown command"
        sys.exit("生产模式不载入演示数据与演示账号。")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
