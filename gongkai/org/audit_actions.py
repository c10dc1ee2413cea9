"""The audit action names of departments and staff accounts (vocabulary: core/audit_vocabulary.py)."""

ACTIONS = {
    "department.create": "新建部门",
    "department.change": "修改部门",
    "staff.create": "新建工作人员账号",
    "staff.change": "修改工作人员账号",
    "staff.set_roles": "设置工作人员角色",
    "staff.password_reset": "设置临时密码",
}
