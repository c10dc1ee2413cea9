"""The audit action names of messages, site-error reports and 12345 tickets (vocabulary: core/audit_vocabulary.py)."""

ACTIONS = {
    "interaction.submit": "提交留言",
    "interaction.dispatch": "派给承办部门",
    "interaction.transfer": "转办",
    "interaction.submit_reply": "提交答复",
    "interaction.approve_reply": "答复审核通过",
    "interaction.return_reply": "答复退回修改",
    "interaction.rate": "群众评价",
    "interaction.close": "办结",
    "interaction.override_close": "书面说明理由后强制办结",
    "interaction.mark_invalid": "不予受理",
    "interaction.redirect_foi": "转依申请公开程序",
    "interaction.remind": "临期提醒",
    "interaction.escalate": "逾期上报",
    "interaction.hotline_import": "导入12345工单",
    "interaction.token_create": "新建12345接口令牌",
}

PATTERNS = {
    # actions.add_follow_up: one name per FollowUp.Kind (interaction/models.py)
    "interaction.follow_up.{kind}": {
        "revisit": "记录回访",
        "supervision": "记录督办",
        "reminder": "记录临期提醒",
        "escalation": "记录逾期上报",
    },
}
