"""The pre-publication check: true positives, and silence on the numbers government documents are full of."""

import json

import pytest
from django.core.management import call_command

from gongkai.core import textcheck
from gongkai.core.models import SensitiveWord, WordingCorrection


def kinds(text):
    return [(f.kind, text[f.start : f.end]) for f in textcheck.check_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("申请人张三，身份证号420106199001011231，住武汉市。", [("resident_id", "420106199001011231")]),
        ("身份证：11010519491231002x，请核对", [("resident_id", "11010519491231002x")]),
        ("如有疑问请拨打13907181234联系李科长", [("mobile", "13907181234")]),
        ("联系人手机：139-0718-1234。", [("mobile", "139-0718-1234")]),
        ("手机 +86 139 0718 1234", [("mobile", "+86 139 0718 1234")]),
        ("补贴发放至工资卡 6222 0212 3456 7890 128 内", [("bank_card", "6222 0212 3456 7890 128")]),
        ("银行卡号4392258012345678", []),  # fails Luhn
    ],
)
def test_personal_data_is_found(db, text, expected):
    assert [k for k in kinds(text) if k[0] in ("resident_id", "mobile", "bank_card")] == expected


@pytest.mark.parametrize(
    "text",
    [
        "统一社会信用代码：114228010000140582",
        "索引号：11422801000010372M/2024-00001",
        "索引号：114228010000140582/2024-00003",
        "恩施市政办发〔2024〕3号",
        "成文日期：2024年01月04日，发布日期：2024-01-04 14:36:23",
        "咨询电话：0718-8222345，传真：0718-8222346",
        "全年完成固定资产投资13500000000元，同比增长8.5%",
        "下达资金 13907181234 元",  # an amount that looks like a mobile number
        "项目编号 20240104000123456789",
        "实施编码 11422801000010372M4000111000",
        "订单号 2024010412345678",
    ],
)
def test_no_false_positive_on_codes_dates_and_amounts(db, text):
    assert [k for k in kinds(text) if k[0] in ("resident_id", "mobile", "bank_card")] == []


def test_wording_errors_and_sensitive_words_from_the_seeded_lists(db):
    text = "坚持以习近平新时代中国特色社会主意思想为指导，本文件为机密★5年，请勿外传。"
    found = textcheck.check_text(text)
    assert [(f.kind, text[f.start : f.end], f.severity) for f in found] == [
        ("wording_error", "中国特色社会主意", "block"),
        ("sensitive_word", "机密★", "block"),
    ]
    assert "中国特色社会主义" in found[0].message


def test_the_office_edits_the_lists_and_the_check_follows(db):
    WordingCorrection.objects.create(
        wrong="恩施土家族苗族自治洲", right="恩施土家族苗族自治州", note="地名错误"
    )
    SensitiveWord.objects.create(word="小道消息", severity="warn")
    textcheck.invalidate()
    found = textcheck.check_text("据小道消息，恩施土家族苗族自治洲将……")
    assert {(f.kind, f.severity) for f in found} == {("sensitive_word", "warn"), ("wording_error", "block")}


def test_offsets_are_in_characters(db):
    text = "𠀀中文13907181234"
    f = textcheck.check_text(text)[0]
    assert text[f.start : f.end] == "13907181234"


def test_masking_for_public_display(db):
    text = "我的电话13907181234，身份证420106199001011231"
    assert textcheck.mask_personal_data(text) == "我的电话139****1234，身份证420***********1231"


def test_check_text_command_prints_json(db, tmp_path, capsys):
    path = tmp_path / "draft.txt"
    path.write_text("联系电话：13907181234。中华人民共合国。", encoding="utf-8")
    call_command("check-text", str(path))
    findings = json.loads(capsys.readouterr().out)
    assert [f["kind"] for f in findings] == ["mobile", "wording_error"]
    assert set(findings[0]) == {"kind", "start", "end", "severity", "message"}
    assert findings[0]["start"] == 5 and findings[0]["end"] == 16
