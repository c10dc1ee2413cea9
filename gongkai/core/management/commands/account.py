from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.core import accounts


class Command(BaseCommand):
    help = "账号安全：unlock 解除登录锁定；reset-totp 重置动态口令（手机丢失或更换时）。均记入审计日志。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["unlock", "reset-totp"])
        parser.add_argument("username")

    def handle(self, *args, action, username, **options):
        if action == "unlock":
            count = accounts.unlock(None, username)
            self.stdout.write(f"已解除 {username} 的登录锁定（清除失败记录 {count} 条）。")
            return
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"账号不存在：{username}")
        accounts.reset_totp(None, user)
        self.stdout.write(f"已重置 {username} 的动态口令；该账号下次登录时重新绑定。")
