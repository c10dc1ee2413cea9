from django import template

register = template.Library()


@register.simple_tag
def facet_query(filters, name, value):
    """The query string of the current filters with one facet set (or cleared when value is empty)."""
    return filters.as_query(**{name: value})
