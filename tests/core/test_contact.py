"""How citizens write a call-back number on a form, and what the platform keeps (issue 17 item 6: "12345" was
accepted as a telephone number)."""

import pytest

from gongkai.core.contact import normalize_phone

ACCEPTED = [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("8613812345678", "13812345678"),
    ("１３８１２３４５６７８", "13812345678"),
    ("0718-8221234", "0718-8221234"),
    ("07188221234", "0718-8221234"),
    ("(0718)8221234", "0718-8221234"),
    ("（0718）8221234", "0718-8221234"),
    ("0718 822 1234", "0718-8221234"),
    ("0718－8221234", "0718-8221234"),
    ("010-65123456", "010-65123456"),
    ("027-87654321", "027-87654321"),
    ("0718-8221234-806", "0718-8221234-806"),
    ("0718-8221234转806", "0718-8221234-806"),
]

REFUSED = [
    "12345",  # the service hotline, not the citizen's number
    "8221234",  # no area code
    "1381234567",  # 10 digits
    "138123456789",  # 12 digits
    "12812345678",  # no mobile network starts 12
    "718-8221234",  # area code without its 0
    "071-88221234",  # split where no area code is
    "0718-822123",  # 6-digit local number
    "电话0718-8221234",
    "13812345678 / 0718-8221234",
    "",
    "   ",
]


@pytest.mark.parametrize("written, kept", ACCEPTED)
def test_numbers_as_people_write_them_are_kept_in_one_form(written, kept):
    assert normalize_phone(written) == kept


@pytest.mark.parametrize("written", REFUSED)
def test_what_no_department_can_call_back_is_refused(written):
    assert normalize_phone(written) is None
