"""The default indicator system, from the national inspection indicators (国办秘函〔2019〕19号, RULES.md §5), the
statutory time limits (RULES.md §2, §4, §6) and Enshi's practice (seed report: 分季度核查, 红黄绿三色标记, 与年度考评
成绩挂钩). The office edits it afterwards; the migration seeds it once."""

from decimal import Decimal

DEFAULT_INDICATORS = [
    # code, name, kind, measure, weight, full_at, zero_at, when_empty, veto_on_measure, veto_at, method
    (
        "zhudong_anshi",
        "主动公开按时率",
        "measured",
        "disclosure.on_time",
        15,
        100,
        80,
        "skip",
        False,
        None,
        "政府信息自形成或变更之日起 20 个工作日内公开（标准目录事项另有时限的从其规定）。考核期内公开的信息和到期仍未公开的"
        "信息中按时公开的比例；100% 得满分，80% 及以下不得分，其间按比例计分。",
    ),
    (
        "lanmu_gengxin",
        "目录栏目按周期更新",
        "measured",
        "disclosure.columns_updated",
        10,
        100,
        50,
        "skip",
        False,
        None,
        "本部门信息公开目录中设有更新周期的栏目（动态类 14 天、政策类 180 天），考核期内无超过周期未更新的栏目比例；"
        "100% 得满分，50% 及以下不得分。",
    ),
    (
        "ysq_anqi",
        "依申请公开按期答复率",
        "measured",
        "foi.on_time",
        15,
        100,
        80,
        "skip",
        False,
        None,
        "依申请公开自收到申请之日起 20 个工作日内答复（经批准延期的从其期限，补正、征求意见期间不计）。考核期内办结和"
        "到期未办结的申请中按期答复的比例；100% 得满分，80% 及以下不得分。",
    ),
    (
        "ysq_zhiliang",
        "依申请公开答复质量",
        "measured",
        "foi.reply_quality",
        10,
        100,
        60,
        "skip",
        False,
        None,
        "考核期内办结的申请中，部门答复经公开办审核（含保密审查）一次通过的比例；被行政复议、行政诉讼纠错的另计为不合格。"
        "100% 得满分，60% 及以下不得分。",
    ),
    (
        "liuyan_anshi",
        "留言按时答复率",
        "measured",
        "interaction.messages_on_time",
        10,
        100,
        80,
        "skip",
        True,
        None,
        "留言、12345 工单在类别规定的工作日内（默认 5 个）答复的比例；100% 得满分，80% 及以下不得分。"
        "有效留言超过 3 个月未答复的，单项否决。",
    ),
    (
        "liuyan_chaping",
        "留言差评件数",
        "measured",
        "interaction.bad_ratings",
        10,
        0,
        5,
        "full",
        False,
        None,
        "“0 差评”：考核期内群众对本部门答复给出“不满意”“非常不满意”的次数；0 次得满分，每次扣 2 分，5 次及以上不得分。"
        "无群众评价的得满分。",
    ),
    (
        "jiucuo_anshi",
        "网站纠错按时办理率",
        "measured",
        "interaction.corrections_on_time",
        5,
        100,
        80,
        "skip",
        False,
        None,
        "网站纠错 24 小时内首次响应、3 个工作日内答复（“5+2”）的比例；100% 得满分，80% 及以下不得分。",
    ),
    (
        "xinmeiti_gengxin",
        "政务新媒体每周更新",
        "measured",
        "newmedia.weekly_updates",
        10,
        100,
        70,
        "skip",
        True,
        None,
        "本部门政务新媒体账号每周至少更新一次：考核期内按周更新的账号周占比；100% 得满分，70% 及以下不得分。"
        "任一账号超过 2 周未更新的，单项否决（国办秘函〔2019〕19号）。",
    ),
    (
        "yujian_fangxing",
        "预检阻断项放行",
        "measured",
        "disclosure.precheck_overrides",
        5,
        0,
        5,
        "full",
        False,
        None,
        "发布前机器检查发现阻断项（敏感词、身份证号等）后经书面说明放行发布的次数；0 次得满分，每次扣 1 分。",
    ),
    # measured by the site-health monitor (gongkai/assessment/health/measures.py; RULES.md §5)
    (
        "shouye_gengxin",
        "门户网站首页更新",
        "measured",
        "health.home_idle_days",
        5,
        3,
        14,
        "skip",
        True,
        None,
        "全站指标：考核期最后一次网站健康检查时首页距最近更新的天数；3 天以内得满分，14 天及以上不得分。"
        "期内任一次检查首页超过 2 周未更新的，单项否决（国办秘函〔2019〕19号）。",
    ),
    (
        "lianjie_youxiao",
        "失效链接与附件",
        "measured",
        "health.broken_links",
        5,
        0,
        10,
        "skip",
        False,
        None,
        "考核期最后一次网站健康检查发现的本部门页面失效链接、附件数（同一地址计一次）；0 个得满分，10 个及以上不得分。",
    ),
    (
        "banshi_zhinan",
        "办事指南要素完整",
        "measured",
        "health.incomplete_guides",
        5,
        0,
        10,
        "skip",
        False,
        None,
        "考核期最后一次网站健康检查发现的缺少关键要素（事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、"
        "收费标准、办理时间、联系电话、办理流程）的本部门办事指南数；0 项得满分，10 项及以上不得分。",
    ),
    (
        "jiedu_huiying",
        "政策解读与回应关切",
        "manual",
        "",
        5,
        None,
        None,
        "skip",
        False,
        None,
        "公开办人工评分：重要政策文件同步发布解读、图解，对社会关切及时回应；依据为核查记录。",
    ),
    (
        "gongzuo_jizhi",
        "公开工作机制与培训",
        "manual",
        "",
        5,
        None,
        None,
        "skip",
        False,
        None,
        "公开办人工评分：专人负责、制度健全、按要求参加培训、报送信息及时；依据为台账与核查记录。",
    ),
    (
        "yanzhong_cuowu",
        "严重错误与失泄密（单项否决）",
        "manual",
        "",
        0,
        None,
        None,
        "skip",
        True,
        None,
        "公开办人工核查：出现严重表述错误、泄露国家秘密、发布有害信息或伪造发稿日期的，单项否决（国办秘函〔2019〕19号）。"
        "未发现的记 0 分并注明核查情况。",
    ),
]


def seed(Indicator):
    """Create the default indicators that do not exist yet (by code); `Indicator` may be a historical model."""
    existing = set(Indicator.objects.values_list("code", flat=True))
    rows = []
    for order, row in enumerate(DEFAULT_INDICATORS, start=1):
        code, name, kind, measure, weight, full_at, zero_at, when_empty, veto_measure, veto_at, method = row
        if code in existing:
            continue
        rows.append(
            Indicator(
                code=code,
                name=name,
                kind=kind,
                measure_code=measure,
                weight=Decimal(weight),
                full_at=None if full_at is None else Decimal(full_at),
                zero_at=None if zero_at is None else Decimal(zero_at),
                when_empty=when_empty,
                veto_on_measure=veto_measure,
                veto_at=None if veto_at is None else Decimal(veto_at),
                method=method,
                sort_order=order * 10,
            )
        )
    Indicator.objects.bulk_create(rows)
    return len(rows)
