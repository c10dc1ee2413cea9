"""Draft texts of the narrative sections 一, 五 and 六, written from the figures; the office edits them."""


def _trend(now, before, unit="条"):
    if before == 0:
        return "上年无可比数据" if now else "与上年持平"
    if now == before:
        return "与上年持平"
    change = (now - before) / before * 100
    if abs(change) > 100:
        # from a small base a percentage says nothing a reader can use ("增长2300.0%"): the difference does
        return f"较上年增加{now - before}{unit}（上年{before}{unit}）"
    word = "增长" if now > before else "下降"
    return f"较上年{word}{abs(change):.1f}%（上年{before}{unit}）"


def overview(name, year, f):
    """一、总体情况: 主动公开、依申请公开、政府信息管理、平台建设、监督保障 (30号)."""
    rate = f"{f['foi_disclosed'] / f['foi_closed'] * 100:.1f}%" if f["foi_closed"] else "—"
    return "\n".join(
        [
            f"{year}年，{name}深入贯彻《中华人民共和国政府信息公开条例》，坚持“以公开为常态、不公开为例外”，"
            "严格落实“先审查后发布”制度，政府信息公开工作规范有序开展。",
            f"（一）主动公开。全年通过政府信息公开平台主动公开政府信息{f['published']}条，"
            f"{_trend(f['published'], f['published_last'])}；其中政策文件{f['policy']}条，"
            f"政策解读（含图解）{f['interpretation']}条，通知公告和工作动态{f['news']}条。",
            f"（二）依申请公开。全年新收政府信息公开申请{f['foi_new']}件，{_trend(f['foi_new'], f['foi_new_last'], '件')}；"
            f"办结{f['foi_closed']}件，其中予以公开和部分公开{f['foi_disclosed']}件（占{rate}），"
            f"结转下年度继续办理{f['foi_carried_out']}件。所有申请均按法定期限登记、办理和答复。",
            "（三）政府信息管理。落实政府信息公开审查机制，信息发布前经机器预检、初审、保密审查和终审；"
            "对政策文件有效性实行动态标注，失效、废止、修改的文件保留原址并标明状态。",
            "（四）平台建设。依托政务公开平台“一张网”统一发布政府信息，提供全文检索、在线朗读、"
            "依申请公开网上办理和进度查询等功能。",
            "（五）监督保障。将政府信息公开工作纳入年度考评，按季度通报各单位工作情况，"
            "对发现的问题限期整改。",
        ]
    )


def problems(name, year, f):
    """五、存在的主要问题及改进情况: the problems as one paragraph (一是……；二是……；三是……。), the
    improvements as the next."""
    if f["remedies"]:
        third = (
            f"三是依申请公开答复质量有待提升，全年涉及政府信息公开的行政复议、行政诉讼{f['remedies']}件，"
            f"其中被纠正{f['remedies_corrected']}件。"
        )
    else:
        third = "三是依申请公开答复的说理性有待进一步加强。"
    return "\n".join(
        [
            f"{year}年，{name}的政府信息公开工作取得了一定成效，但仍存在一些不足：一是部分政策文件解读形式较为单一，"
            "图解、音视频等多样化解读偏少；二是部分栏目更新不够及时；" + third,
            f"改进措施：{year + 1}年，将进一步丰富政策解读形式，落实栏目更新监测，加强依申请公开答复的法制审核，"
            "组织业务培训，不断提升政府信息公开工作水平。",
        ]
    )


def other_matters(name, year, f, is_government):
    """六、其他需要报告的事项: fees per 国办函〔2020〕109号; for a government, Art. 50(4)."""
    fees = f["fees_yuan"]
    if fees:
        fee_text = (
            f"依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{year}年共收取信息处理费{fees}元，"
            "已全额上缴国库。"
        )
    else:
        fee_text = (
            f"依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{year}年未收取信息处理费。"
        )
    lines = [fee_text]
    if is_government:
        lines.append(
            "工作考核、社会评议和责任追究结果情况：本年度将政府信息公开工作纳入政府绩效考核，"
            "组织开展社会评议，未发生因政府信息公开工作引起的责任追究事项。"
        )
    lines.append("无其他需要报告的事项。")
    return "\n".join(lines)
