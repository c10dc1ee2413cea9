"""Sentence splitting table: where a Chinese text is cut for reading aloud (gongkai.readaloud.sentences)."""

import itertools

import pytest

from gongkai.readaloud.sentences import sentence_spans, split_sentences

CASES = [
    (
        "terminators",
        "现在，我代表国务院向大会报告政府工作。请予审议！有意见吗？",
        60,
        ["现在，我代表国务院向大会报告政府工作。", "请予审议！", "有意见吗？"],
    ),
    (
        "semicolon_and_ascii",
        "一是稳就业；二是保民生; 三是防风险! 好吗?",
        60,
        ["一是稳就业；", "二是保民生;", "三是防风险!", "好吗?"],
    ),
    (
        "closing_quote_stays",
        "他说：“政务公开是法定职责。”大家都同意。",
        60,
        ["他说：“政务公开是法定职责。”", "大家都同意。"],
    ),
    (
        "line_breaks",
        "一、总体要求\n二、主要任务\r\n\n三、保障措施",
        60,
        ["一、总体要求", "二、主要任务", "三、保障措施"],
    ),
    ("doc_number_kept", "根据恩市政办发〔2024〕3号文件。", 60, ["根据恩市政办发〔2024〕3号文件。"]),
    (
        "decimal_and_thousands_kept",
        "增长5.0%，达到134.9万亿元，新增1,256万人。",
        60,
        ["增长5.0%，达到134.9万亿元，新增1,256万人。"],
    ),
    (
        "long_cut_at_comma",
        "过去一年，我国发展历程很不平凡，党的二十届三中全会胜利召开，对进一步全面深化改革作出系统部署。",
        20,
        [
            "过去一年，我国发展历程很不平凡，",
            "党的二十届三中全会胜利召开，",
            "对进一步全面深化改革作出系统部署。",
        ],
    ),
    (
        "long_cut_at_enumeration_comma",
        "推进教育、医疗、养老、托育、就业、住房、交通、文化等领域信息公开",
        12,
        ["推进教育、医疗、养老、", "托育、就业、住房、交通、", "文化等领域信息公开"],
    ),
    (
        "hard_cut_moves_before_doc_number",
        "这是一个中间完全没有逗号的很长句子直到恩市政办发〔2024〕3号文件下达",
        28,
        ["这是一个中间完全没有逗号的很长句子直到恩市政办发", "〔2024〕3号文件下达"],
    ),
    (
        "hard_cut_moves_before_number",
        "今年全市一般公共预算收入完成123456.78万元",
        20,
        ["今年全市一般公共预算收入完成", "123456.78万元"],
    ),
    ("punctuation_only_dropped", "——\n……\n  \n正文。", 60, ["正文。"]),
    ("ellipsis_ends", "等等……然后呢", 60, ["等等……", "然后呢"]),
    ("spaces_collapsed", "第一条   本办法\t自发布之日起施行。", 60, ["第一条 本办法 自发布之日起施行。"]),
    ("empty", "", 60, []),
]


@pytest.mark.parametrize(("text", "max_len", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split(text, max_len, expected):
    assert split_sentences(text, max_len) == expected


@pytest.mark.parametrize("max_len", [8, 15, 30, 60])
def test_spans_cover_every_character_in_order(max_len):
    text = "过去一年，我国发展历程很不平凡。党的二十届三中全会胜利召开，对进一步全面深化改革作出系统部署；\n国内生产总值增长5.0%。"
    spans = sentence_spans(text, max_len)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    covered = "".join(text[s:e] for s, e in spans)
    assert covered == "".join(text.split())
    # a piece is at most max_len long, apart from trailing punctuation that may not stand alone
    assert all(not any(ch.isalnum() for ch in text[s:e][max_len:]) for s, e in spans)
