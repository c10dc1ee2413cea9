from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.accounts import signin, totp


class Command(BaseCommand):
    help = (
        "账号安全：unlock 解除登录锁定；reset-totp 重置动态口令（手机丢失或更换时），均记入审计日志；"
        "totp-code 仅演示环境：显示账号当前的动态口令（尚未绑定的，先开始绑定并记入审计日志），"
        "免装验证器即可体验三员登录。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["unlock", "reset-totp", "totp-code"])
        parser.add_argument("username")

    def handle(self, *args, action, username, **options):
        if action == "unlock":
            count = signin.unlock(None, username)
            self.stdout.write(f"已解除 {username} 的登录锁定（清除失败记录 {count} 条）。")
            return
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"账号不存在：{username}")
        if action == "totp-code":
            if settings.PRODUCTION:
                raise CommandError("生产环境不提供此功能：动态口令只在本人的验证器上产生。")
            secret = signin.start_totp_binding(None, user, note="演示环境：由命令行开始绑定动态口令")
            if secret is None:  # bound: the code its authenticator shows now
                secret = signin.security_of(user).totp_secret
            else:
                self.stderr.write(
                    f"{username} 尚未绑定验证器：首次登录时在绑定页面输入此口令即完成绑定（30 秒内有效，过期再运行本命令）。"
                )
            self.stdout.write(totp.totp(secret))
            return
        if signin.reset_totp(None, user):
            self.stdout.write(f"已重置 {username} 的动态口令；该账号下次登录时重新绑定。")
        else:
            self.stdout.write(f"{username} 尚未绑定动态口令，无需重置。")
