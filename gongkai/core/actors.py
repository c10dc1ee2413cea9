"""Who did something, as each audience reads it (issue 16 item 3) — the one place both labels are made.

- The audit trail and the staff screens name the person: `staff_label` ("张丽（gkb）", "系统" for the worker and
  commands, "公众" for an anonymous citizen).
- A citizen never reads a staff member's name (个人信息保护法 第六条: no more personal data than the purpose needs):
  what the public pages and the open API show as the actor is the organ, `public_label` — the department that
  answered, or 政务公开办 when the office itself acted.
"""

from . import roles


def staff_label(actor):
    if actor is None:
        return "系统"
    if not getattr(actor, "is_authenticated", False):
        return "公众"
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full}（{actor.get_username()}）" if full else actor.get_username()


def public_label(department):
    """The organ a citizen sees as the actor: a department, never a person."""
    return department.name if department is not None else roles.OFFICE
