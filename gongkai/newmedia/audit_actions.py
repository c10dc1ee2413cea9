"""The audit action names of the 政务新媒体 registry, posts and pushes (vocabulary: core/audit_vocabulary.py)."""

ACTIONS = {
    "newmedia.application_submit": "提交开设、变更或关停申请",
    "newmedia.application_approve": "批准开设、变更或关停申请",
    "newmedia.application_reject": "退回开设、变更或关停申请",
    "newmedia.closing_notice": "登记停更公告",
    "newmedia.registry_import": "导入已有账号台账",
    "newmedia.posts_import": "登记发布内容",
    "newmedia.post_review": "复核发布内容检查结果",
    "newmedia.push_create": "推送专题",
    "newmedia.push_confirm": "确认转载专题",
    "newmedia.remind": "提醒更新",
}
