"""The audit action names of staff sign-in and account security (vocabulary: core/audit_vocabulary.py)."""

ACTIONS = {
    "account.login": "登录",
    "account.login_failed": "登录失败",
    "account.locked": "连续登录失败，账号锁定",
    "account.unlocked": "解除账号锁定",
    "account.session_timeout": "长时间未操作，自动退出",
    "account.password_changed": "修改密码",
    "account.totp_binding_started": "开始绑定动态口令",
    "account.totp_enrolled": "绑定动态口令验证器",
    "account.totp_verified": "动态口令验证通过",
    "account.totp_reset": "重置动态口令",
}
