from urllib.parse import urlencode

from django import template

register = template.Library()

KEEP = ("q", "kind", "column", "department", "topic", "year", "validity")


@register.simple_tag
def search_url(params, **changes):
    """/search/?… with the current parameters, `changes` applied (a value of None or "" drops the parameter);
    the page number is dropped unless given, since a new tab or filter starts at page 1."""
    values = {k: params.get(k) for k in KEEP if params.get(k)}
    for key, value in changes.items():
        if value in (None, ""):
            values.pop(key, None)
        else:
            values[key] = value
    return "/search/?" + urlencode(values)
