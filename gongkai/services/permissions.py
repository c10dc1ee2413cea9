"""Who may do what with the service catalog: department staff maintain their department's items, Q&A, data
tables and guides (scoped by `for_user`); the disclosure office maintains the themes and sees every department."""

from gongkai.core import roles


def _crud(model, *verbs):
    return [("services", f"{verb}_{model}") for verb in verbs]


DEPARTMENT_CONTENT = [
    *_crud("serviceitem", "add", "change", "view"),
    *_crud("reformrecord", "add", "change", "delete", "view"),
    *_crud("question", "add", "change", "delete", "view"),
    *_crud("datatable", "add", "change", "delete", "view"),
    *_crud("guide", "add", "change", "view"),
    *_crud("guidestep", "add", "change", "delete", "view"),
    *_crud("importrun", "view"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
]

ROLE_PERMISSIONS = {
    roles.EDITOR: DEPARTMENT_CONTENT,
    roles.REVIEWER_SECTION: DEPARTMENT_CONTENT,
    roles.OFFICE: [
        *DEPARTMENT_CONTENT,
        *_crud("serviceitem", "delete"),
        *_crud("guide", "delete", "publish"),
        *_crud("theme", "add", "change", "view"),
        *_crud("themepolicy", "add", "change", "delete", "view"),
    ],
}
