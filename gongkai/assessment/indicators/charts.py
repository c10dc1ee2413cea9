"""Server-rendered SVG charts of the dashboards (no script, no CDN, no inline style: colours come from classes in
the app's stylesheet). Each chart has a <title> and <desc>; the same figures are always in a table next to it."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

CLASS = {"green": "kp-green", "yellow": "kp-yellow", "red": "kp-red", "": "kp-none"}
COLOUR_NAMES = {"green": "绿", "yellow": "黄", "red": "红", "": "未定"}


def _svg(width, height, title, desc, body, css="kp-chart"):
    return mark_safe(  # noqa: S308 — every text below is escaped
        f'<svg class="{css}" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{''.join(body)}</svg>"
    )


def ranking_bars(results, green_min, yellow_min, title="各部门得分"):
    """Horizontal bars, one per department in rank order, coloured 红黄绿, with the two lines marked."""
    rows = [r for r in results if r.department_id]
    label_w, bar_w, row_h, top = 190, 520, 22, 28
    width, height = label_w + bar_w + 70, top + row_h * len(rows) + 24

    def x(value):
        return label_w + bar_w * float(value) / 100

    body = []
    for line, name in ((yellow_min, "黄色线"), (green_min, "绿色线")):
        lx = x(Decimal(str(line)))
        body.append(f'<line class="kp-line" x1="{lx:.1f}" y1="{top - 6}" x2="{lx:.1f}" y2="{height - 20}"/>')
        body.append(
            f'<text class="kp-axis" x="{lx:.1f}" y="{top - 10}" text-anchor="middle">{name} {line}</text>'
        )
    for i, r in enumerate(rows):
        y = top + i * row_h
        total = r.total if r.total is not None else Decimal(0)
        name = escape(r.department.short_name or r.department.name)
        body.append(f'<text class="kp-label" x="{label_w - 8}" y="{y + 15}" text-anchor="end">{name}</text>')
        body.append(
            f'<rect class="{CLASS.get(r.colour, "kp-none")}" x="{label_w}" y="{y + 3}" '
            f'width="{max(x(total) - label_w, 1):.1f}" height="{row_h - 6}"/>'
        )
        mark = "（否决）" if r.vetoed else ""
        shown = "—" if r.total is None else f"{r.total}"
        body.append(f'<text class="kp-value" x="{x(total) + 6:.1f}" y="{y + 15}">{shown}{mark}</text>')
    desc = "；".join(
        f"{r.department.name} {r.total if r.total is not None else '—'} 分（{COLOUR_NAMES.get(r.colour, '')}）"
        for r in rows
    )
    return _svg(width, height, title, desc, body)


def colour_stack(series, title="各季度红黄绿部门数"):
    """Stacked columns per quarter: how many departments were 绿 / 黄 / 红. series: [(label, {colour: n})]."""
    if not series:
        return ""
    col_w, gap, chart_h, top, left = 46, 26, 180, 16, 36
    width = left + len(series) * (col_w + gap) + 10
    height = top + chart_h + 40
    most = max(sum(c.values()) for _, c in series) or 1
    body = [
        f'<line class="kp-axisline" x1="{left - 4}" y1="{top + chart_h}" x2="{width}" y2="{top + chart_h}"/>'
    ]
    for i, (label, counts) in enumerate(series):
        x = left + i * (col_w + gap)
        y = top + chart_h
        for colour in ("green", "yellow", "red"):
            n = counts.get(colour, 0)
            if not n:
                continue
            h = chart_h * n / most
            y -= h
            body.append(
                f'<rect class="{CLASS[colour]}" x="{x}" y="{y:.1f}" width="{col_w}" height="{h:.1f}"/>'
            )
            if h >= 14:
                body.append(
                    f'<text class="kp-inbar" x="{x + col_w / 2}" y="{y + h / 2 + 5:.1f}" text-anchor="middle">{n}</text>'
                )
        body.append(
            f'<text class="kp-axis" x="{x + col_w / 2}" y="{top + chart_h + 18}" text-anchor="middle">{escape(label)}</text>'
        )
    desc = "；".join(
        f"{label}：绿 {c.get('green', 0)}、黄 {c.get('yellow', 0)}、红 {c.get('red', 0)}"
        for label, c in series
    )
    return _svg(width, height, title, desc, body)


def trend_line(points, green_min, yellow_min, title="得分趋势", small=False):
    """A department's total per quarter. points: [(label, total | None, colour)], oldest first."""
    if not points:
        return ""
    if small:
        width, height, left, right, top, bottom = 120, 28, 4, 4, 3, 3
    else:  # the right margin holds half of the last quarter's label (2026Q4) and its value
        width, height, left, right, top, bottom = 640, 220, 40, 36, 16, 34
    inner_w, inner_h = width - left - right, height - top - bottom
    n = len(points)
    step = inner_w / max(n - 1, 1)
    low = 40  # the y axis runs 40–100: below 40 everything is plainly red

    def y(value):
        v = min(max(float(value), low), 100)
        return top + inner_h * (100 - v) / (100 - low)

    body = []
    if not small:
        for line in (Decimal(str(yellow_min)), Decimal(str(green_min)), Decimal(100), Decimal(low)):
            body.append(
                f'<line class="kp-grid" x1="{left}" y1="{y(line):.1f}" x2="{width - right}" y2="{y(line):.1f}"/>'
            )
            body.append(
                f'<text class="kp-axis" x="{left - 4}" y="{y(line) + 4:.1f}" text-anchor="end">{line}</text>'
            )
    coords = [
        (left + i * step if n > 1 else left + inner_w / 2, value, colour, label)
        for i, (label, value, colour) in enumerate(points)
    ]
    path = " ".join(f"{cx:.1f},{y(v):.1f}" for cx, v, _, _ in coords if v is not None)
    if path:
        body.append(f'<polyline class="kp-trend" points="{path}"/>')
    for cx, value, colour, label in coords:
        if value is not None:
            r = 2.5 if small else 5
            body.append(
                f'<circle class="{CLASS.get(colour, "kp-none")}" cx="{cx:.1f}" cy="{y(value):.1f}" r="{r}"/>'
            )
            if not small:
                body.append(
                    f'<text class="kp-value" x="{cx:.1f}" y="{y(value) - 9:.1f}" text-anchor="middle">{value}</text>'
                )
        if not small:
            body.append(
                f'<text class="kp-axis" x="{cx:.1f}" y="{height - 12}" text-anchor="middle">{escape(label)}</text>'
            )
    desc = "；".join(
        f"{label} {value if value is not None else '无'}（{COLOUR_NAMES.get(colour, '')}）"
        for label, value, colour in points
    )
    return _svg(width, height, title, desc, body, css="kp-spark" if small else "kp-chart")
