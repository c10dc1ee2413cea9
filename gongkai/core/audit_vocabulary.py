"""The vocabulary of the audit trail: every action name `audit.record()` writes, with its Chinese label and the app
that owns it (issue 16 item 3).

Each app declares the names its code writes in its own `<app>/audit_actions.py`, found by convention
(`gongkai.core.discovery.app_modules`), so core names no pillar:

    ACTIONS = {"foi.submit": "提交申请", …}
    # a name built at run time: the template, and each value the placeholder can take with its label
    PATTERNS = {"interaction.follow_up.{kind}": {"revisit": "记录回访", …}}

The auditor's screens and the export show the label, with the raw name beside it. `python -m gongkai.manage
audit vocabulary` prints the whole table (docs/audit.md).
"""

import functools
import re
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from .discovery import app_modules

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@dataclass(frozen=True)
class AuditAction:
    name: str  # as written into AuditRecord.action, e.g. "foi.submit"
    label: str  # what the auditor reads, e.g. "提交申请"
    app: str  # the app label of the declaring module, e.g. "foi"
    pattern: str = ""  # for a name built at run time: its template, e.g. "interaction.follow_up.{kind}"


class UndeclaredAction(ValueError):
    """`audit.record()` was given a name no app declares."""


def _declarations():
    """(app label, ACTIONS, PATTERNS) of every app that has an audit_actions module."""
    return [
        (label, getattr(module, "ACTIONS", {}), getattr(module, "PATTERNS", {}))
        for label, module in app_modules("audit_actions")
    ]


@functools.cache
def vocabulary() -> dict[str, AuditAction]:
    """Every declared name (each value of a pattern expanded), in app order; a name declared twice is an error."""
    found: dict[str, AuditAction] = {}

    def add(entry):
        if entry.name in found:
            raise ImproperlyConfigured(
                f"审计操作“{entry.name}”被重复声明（{found[entry.name].app} 与 {entry.app}）。"
            )
        found[entry.name] = entry

    for app, actions, patterns in _declarations():
        for name, label in actions.items():
            add(AuditAction(name, label, app))
        for pattern, values in patterns.items():
            if len(PLACEHOLDER.findall(pattern)) != 1:
                raise ImproperlyConfigured(f"审计操作模式“{pattern}”须有且仅有一个占位符。")
            for value, label in values.items():
                add(AuditAction(PLACEHOLDER.sub(value, pattern), label, app, pattern))
    return found


def patterns() -> set[str]:
    """The declared templates of names built at run time."""
    return {entry.pattern for entry in vocabulary().values() if entry.pattern}


def is_declared(name: str) -> bool:
    return name in vocabulary()


def label(name: str) -> str:
    """The Chinese label of an action name; a name no longer declared (an old record) reads as itself."""
    entry = vocabulary().get(name)
    return entry.label if entry else name
