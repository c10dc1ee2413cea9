from gongkai.core import roles

_CATALOG = [
    ("disclosure", f"{verb}_{model}")
    for verb in ("add", "change", "delete", "view")
    for model in ("standardcatalogentry", "pilotarea", "topic")
]

ROLE_PERMISSIONS = {
    roles.OFFICE: [*_CATALOG, ("disclosure", "view_publicationrecord")],
    roles.OFFICE_HEAD: [("disclosure", "view_publicationrecord")],
    roles.AUDITOR: [("disclosure", "view_publicationrecord")],
}
