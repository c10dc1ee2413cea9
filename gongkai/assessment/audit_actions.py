"""The audit action names of the assessment: indicators and runs, the site health monitor, the annual reports
(vocabulary: core/audit_vocabulary.py)."""

ACTIONS = {
    "assessment.indicator_created": "新建考评指标",
    "assessment.indicator_changed": "修改考评指标",
    "assessment.thresholds_changed": "修改考评等次分数线",
    "assessment.run_created": "新建季度考评",
    "assessment.run_computed": "计算考评结果",
    "assessment.manual_score": "人工评分",
    "assessment.result_note": "填写考评意见",
    "assessment.run_published": "发布考评结果",
    "health.request": "发起网站健康检查",
    "health.complete": "网站健康检查完成",
    "health.fail": "网站健康检查失败",
    "annual.create": "新建政府信息公开工作年度报告",
    "annual.edit": "编辑年度报告",
    "annual.recompute": "重新取数（年度报告）",
    "annual.submit": "年度报告送审发布",
}
