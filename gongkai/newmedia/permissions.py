"""Model permissions per role (granted after migrate). The screens also check the role and department in code."""

from gongkai.core import roles

_VIEW = [("newmedia", f"view_{m}") for m in ("account", "application", "post", "push", "pushtarget")]

ROLE_PERMISSIONS = {
    roles.OFFICE: _VIEW,
    roles.OFFICE_HEAD: _VIEW,
    roles.EDITOR: _VIEW,
    roles.REVIEWER_SECTION: _VIEW,
    roles.REVIEWER_LEADER: _VIEW,
}
