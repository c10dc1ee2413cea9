import pytest

from gongkai.search import text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("登记", ["登记"]),
        ("不动产登记", ["不动", "动产", "产登", "登记"]),
        (
            "办理不动产登记的申请材料",
            ["办理", "理不", "不动", "动产", "产登", "登记", "记的", "的申", "申请", "请材", "材料"],
        ),
        ("税", ["税"]),  # a lone Han character stays a unigram
        ("第3条", ["第", "3", "条"]),
        ("恩市政办发〔2024〕3号", ["恩市", "市政", "政办", "办发", "2024", "3", "号"]),
        ("ＰＤＦ格式", ["pdf", "格式"]),  # full-width → half-width, lower case
        ("ＡＰＰ、微信公众号", ["app", "微信", "信公", "公众", "众号"]),
        ("登记，申请", ["登记", "申请"]),  # punctuation only separates
        ("", []),
        ("……——", []),
    ],
)
def test_tokens(raw, expected):
    assert text.tokens(raw) == expected


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("不动产登记", ["不动产登记"]),
        ("行政处罚  程序", ["行政处罚", "程序"]),
        ("行政处罚\u3000程序", ["行政处罚", "程序"]),  # full-width space separates terms too
        ("登记 登记", ["登记"]),
        ("ＰＤＦ", ["pdf"]),
    ],
)
def test_split_terms(query, terms):
    assert text.split_terms(query) == terms


def test_a_trailing_lone_han_character_is_a_prefix():
    assert text.phrase("2024年") == (["2024", "年"], True)
    assert text.phrase("不动产") == (["不动", "动产"], False)


@pytest.mark.parametrize(
    ("term", "short"), [("税", True), ("a", True), ("3", True), ("税收", False), ("ab", False)]
)
def test_short_terms(term, short):
    assert text.is_short(term) is short
