"""The audit action names of proactive disclosure: review, publication, validity (vocabulary:
core/audit_vocabulary.py)."""

ACTIONS = {
    "disclosure.submit": "送审（发布前检查）",
    "disclosure.review_approve": "审核通过",
    "disclosure.review_reject": "审核退回修改",
    "disclosure.override_precheck": "书面说明后放行发布前检查阻断项",
    "disclosure.schedule": "定时发布",
    "disclosure.publish": "发布",
    "disclosure.republish": "修改后重新发布",
    "disclosure.unpublish": "取消发布",
    "disclosure.withdraw": "撤稿",
    "disclosure.change_validity": "变更有效性",
    "disclosure.draft_from_foi": "依申请公开转主动公开（生成草稿）",
    "disclosure.save_column_template": "修改标准栏目模板（重新生成各部门栏目）",
    "disclosure.mark_column_absence": "标注栏目本单位暂无/不涉及",
}

PATTERNS = {
    # signals.on_workflow_ended: Wagtail's WorkflowState.status when a review workflow ends without approval
    "disclosure.workflow_{status}": {
        "needs_changes": "审核流程退回修改",
        "cancelled": "审核流程撤销",
    },
}
