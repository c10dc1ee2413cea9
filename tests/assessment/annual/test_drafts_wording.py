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
