"""Model permissions per role. The admin screens check the rule of `actions.may_make` themselves (the office:
every report; a department's staff: their own department's)."""

from gongkai.core import roles

_ALL = [
    ("assessment", "add_annualreport"),
    ("assessment", "change_annualreport"),
    ("assessment", "view_annualreport"),
]

ROLE_PERMISSIONS = {
    roles.OFFICE: _ALL,
    roles.OFFICE_HEAD: _ALL,
    roles.EDITOR: _ALL,
    roles.REVIEWER_SECTION: [("assessment", "view_annualreport")],
    roles.REVIEWER_SECRECY: [("assessment", "view_annualreport")],
    roles.REVIEWER_LEADER: [("assessment", "view_annualreport")],
}
