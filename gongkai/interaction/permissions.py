"""Model permissions per role (granted after migrate by gongkai.org.setup). The case screens themselves check
roles and department through `rules.may` and `Case.objects.for_user`."""

from gongkai.core import roles

_EDIT = [
    ("interaction", f"{verb}_{model}")
    for verb in ("add", "change", "delete", "view")
    for model in ("category", "keywordrule")
]

ROLE_PERMISSIONS = {
    roles.OFFICE: [
        *_EDIT,
        ("interaction", "view_case"),
        ("interaction", "view_integrationtoken"),
        ("interaction", "change_integrationtoken"),
    ],
    roles.OFFICE_HEAD: [("interaction", "view_case")],
    roles.EDITOR: [("interaction", "view_case")],
    roles.REVIEWER_SECTION: [("interaction", "view_case")],
    roles.REVIEWER_LEADER: [("interaction", "view_case")],
}
