"""The draft text of the annual report reads as an office would write it."""

import pytest

from gongkai.assessment.annual.drafts import _trend, problems


@pytest.mark.parametrize(
    "now, before, text",
    [
        (24, 1, "较上年增加23条（上年1条）"),  # not "增长2300.0%"
        (130, 100, "较上年增长30.0%（上年100条）"),
        (80, 100, "较上年下降20.0%（上年100条）"),
        (100, 100, "与上年持平"),
        (5, 0, "上年无可比数据"),
    ],
)
def test_year_on_year_wording(now, before, text):
    assert _trend(now, before) == text


def test_no_doubled_word_after_a_government_name():
    facts = {"remedies": []}
    assert "政府政府" not in problems("恩施市人民政府", 2025, facts)


@pytest.mark.parametrize("remedies", [0, 2])
def test_problems_are_one_paragraph_and_the_improvements_another(remedies):
    # the list 一是……；二是……；三是…… is one sentence: no paragraph break after "二是……；"
    facts = {"remedies": remedies, "remedies_corrected": 1}
    first, second = problems("恩施市教育局", 2025, facts).split("\n")
    assert "一是" in first and "二是" in first and "三是" in first and first.endswith("。")
    assert second.startswith("改进措施：2026年")
