from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "gongkai.operations"
    label = "operations"
    verbose_name = "运维：备份与恢复、审计日志保存期限、后台任务、内嵌运行"
