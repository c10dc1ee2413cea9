"""The disclosure office keeps the indicator system and runs the assessment; departments read through the views
(their own published results), which check roles, not model permissions."""

from gongkai.core import roles

_OFFICE = [
    ("assessment", codename)
    for model in ("indicator", "thresholds", "run", "departmentresult", "score")
    for codename in (f"view_{model}", f"add_{model}", f"change_{model}")
]

ROLE_PERMISSIONS = {roles.OFFICE: _OFFICE, roles.OFFICE_HEAD: _OFFICE}
