"""The audit action names only the demo loaders write (this app is never installed in production)."""

ACTIONS = {
    "disclosure.import_history": "导入历史公开信息（演示数据）",
    "services.demo_load": "载入演示服务事项",
}
