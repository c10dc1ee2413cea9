"""The office reads the site health results (the screens themselves check the office roles); nobody edits them:
runs are written only by `actions.py`."""

from gongkai.core import roles

_VIEW = [("assessment", f"view_{model}") for model in ("healthrun", "checkresult", "finding")]

ROLE_PERMISSIONS = {roles.OFFICE: list(_VIEW), roles.OFFICE_HEAD: list(_VIEW)}
