"""政府信息公开工作年度报告 in the 2021 format (MISSION B3, RULES.md §3)."""
