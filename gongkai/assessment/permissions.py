"""Model permissions per role, gathered from the three parts."""

from .annual.permissions import ROLE_PERMISSIONS as _annual
from .health.permissions import ROLE_PERMISSIONS as _health
from .indicators.permissions import ROLE_PERMISSIONS as _indicators

ROLE_PERMISSIONS = {}
for _part in (_health, _indicators, _annual):
    for _role, _perms in _part.items():
        ROLE_PERMISSIONS.setdefault(_role, []).extend(_perms)
