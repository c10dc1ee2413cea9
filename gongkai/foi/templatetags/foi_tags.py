from django import template

register = template.Library()


@register.filter
def hours(value):
    """Hours as 小时 below two days, else as days with one decimal."""
    if value is None:
        return "—"
    if value < 48:
        return f"{value:.1f} 小时"
    return f"{value / 24:.1f} 天"
