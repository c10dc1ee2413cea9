"""The audit action names of the 政务服务事项 catalog (vocabulary: core/audit_vocabulary.py)."""

ACTIONS = {
    "services.item_create": "新建服务事项",
    "services.item_edit": "修改服务事项",
    "services.item_publish": "发布服务事项",
    "services.item_withdraw": "下线服务事项",
    "services.reform_add": "登记清减降放改革",
    "services.import": "导入服务事项表格",
}
