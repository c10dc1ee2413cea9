"""The one personal-data detector (issue 18 §1): each way citizens write an identity number, a phone number or an
e-mail address is found by the pre-publication check and masked on public pages alike; the numbers government
documents are full of are not."""

import pytest

from gongkai.core import personal_data, textcheck


@pytest.mark.parametrize(
    ("text", "kind", "written", "masked"),
    [
        (
            "申请人张三，身份证号420106199001011231，住武汉市。",
            "resident_id",
            "420106199001011231",
            "420***********1231",
        ),
        (
            "身份证：4228 0119 8503 1520 46，请核对",
            "resident_id",
            "4228 0119 8503 1520 46",
            "422* **** **** **20 46",
        ),
        ("身份证号 422801-19850315-2046", "resident_id", "422801-19850315-2046", "422***-********-2046"),
        (
            "我的身份证４２２８０１１９８５０３１５２０４６",
            "resident_id",
            "４２２８０１１９８５０３１５２０４６",
            "４２２***********２０４６",
        ),
        ("老身份证号码422801850315204，一直没换", "resident_id_15", "422801850315204", "422********5204"),
        ("我的手机13907181234，请回电", "mobile", "13907181234", "139****1234"),
        ("联系方式：138.1234.5678。", "mobile", "138.1234.5678", "138.****.5678"),
        ("电话 138 1234 5678 王女士", "mobile", "138 1234 5678", "138 **** 5678"),
        ("手机：１３８１２３４５６７８", "mobile", "１３８１２３４５６７８", "１３８****５６７８"),
        ("手机 +86 139 0718 1234", "mobile", "+86 139 0718 1234", "+86 139 **** 1234"),
        ("家里电话0718-8221234，白天有人", "landline", "0718-8221234", "0718-***1234"),
        ("请拨(0718)8221234找我", "landline", "(0718)8221234", "(0718)***1234"),
        ("请拨（0718）8221234找我", "landline", "（0718）8221234", "（0718）***1234"),
        ("邮箱zhangsan1990@163.com，谢谢", "email", "zhangsan1990@163.com", "zh***@163.com"),
        (
            "补贴发放至工资卡 6222 0212 3456 7890 128 内",
            "bank_card",
            "6222 0212 3456 7890 128",
            "622* **** **** ***0 128",
        ),
    ],
)
def test_each_format_is_found_and_masked(db, text, kind, written, masked):
    found = personal_data.find(text)
    assert [(f.kind, text[f.start : f.end]) for f in found] == [(kind, written)]
    assert textcheck.mask_personal_data(text) == text.replace(written, masked)
    checked = [f for f in textcheck.check_text(text) if f.kind == kind]
    assert [text[f.start : f.end] for f in checked] == [written]
    assert checked[0].severity == personal_data.KINDS[kind].severity


def test_phone_and_mail_a_notice_may_publish_only_warn_numbers_and_ids_block(db):
    severities = {kind: k.severity for kind, k in personal_data.KINDS.items()}
    assert severities == {
        "resident_id": "block",
        "resident_id_15": "block",
        "mobile": "block",
        "bank_card": "block",
        "landline": "warn",
        "email": "warn",
    }


@pytest.mark.parametrize(
    "text",
    [
        "恩市教发〔2026〕12号",
        "恩施市政办发〔2024〕3号",
        "成文日期：2026年12月07日，发布日期：2026-12-07 14:36:23",
        "索引号：11422801000010372M/2026-00012",
        "索引号：114228010000140582/2024-00003",
        "统一社会信用代码：114228010000140582",
        "咨询电话：0718-8222345，传真：0718-8222346",
        "服务热线（0718）8221234",
        "全年完成固定资产投资13500000000元，同比增长8.5%",
        "下达资金 13907181234 元",
        "每吨收购价 1381.2345 元，较去年上涨 3.5%",
        "项目编号 20240104000123456789",
        "合同编号 422801850315204",
        "订单号 2024010412345678",
        "实施编码 11422801000010372M4000111000",
        "投诉受理邮箱 esxxb@enshi.gov.cn",
        "身份证号42010619900101123X",  # wrong check character: a document number, not an identity number
    ],
)
def test_ordinary_numbers_of_government_documents_are_not_flagged(db, text):
    assert personal_data.find(text) == []
    assert textcheck.mask_personal_data(text) == text


def test_several_in_one_message_are_all_masked(db):
    text = "本人李四（身份证420106199001011231），手机138-1234-5678，座机0718-8221234，邮箱lisi@qq.com。"
    assert textcheck.mask_personal_data(text) == (
        "本人李四（身份证420***********1231），手机138-****-5678，座机0718-***1234，邮箱li***@qq.com。"
    )


def test_an_items_contact_line_is_not_flagged_but_a_citizens_is_masked():
    """The pre-check leaves the office's own 联系电话 in a notice alone; on the message board the same words precede
    the citizen's own number, which is masked."""
    from gongkai.core import textcheck

    notice = "咨询请联系市教育局基础教育科，联系电话：0718-8222345。"
    assert [f.kind for f in textcheck.find_personal_data(notice)] == []
    message = "我家老人行动不便，联系电话：0718-8221234，请工作人员回电。"
    assert "8221234" not in textcheck.mask_personal_data(message)
