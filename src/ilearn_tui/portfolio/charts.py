"""Small inline SVG charts for the HTML showcase: no script, no fonts, no network.

Each chart is a plain string of SVG with a ``<title>`` and ``<desc>`` for screen readers, and
every label goes through :func:`html.escape`. Colour never carries meaning alone: the rating
lines differ in marker shape and dash pattern too, and each has a legend entry.
"""

from __future__ import annotations

from datetime import date
from html import escape

WIDTH = 860
# Okabe–Ito colours: told apart with the common colour-vision differences, and in greyscale print.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "3 6")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "circle", "square", "triangle")
# An upper bound on one character's width at the tick size (11px), so a label never runs into the next.
TICK_CHAR = 7.0
TICK_GAP = 8.0


def label_width(text: str) -> float:
    return len(text) * TICK_CHAR


def spaced(candidates: list[tuple[float, str]], low: float, high: float) -> list[tuple[float, str]]:
    """The axis labels that fit, taken in the order given (the most wanted first), left to right.

    Each is centred on its place, moved inside ``low``..``high`` if it would stick out, and kept
    only if it is at least its width from every label already kept: two dates at one spot, or
    too close for both to be read, give one label rather than an overprint.
    """
    kept: list[tuple[float, str]] = []
    for x, text in candidates:
        half = label_width(text) / 2
        x = min(max(x, low + half), high - half)
        if all(abs(x - kx) >= half + label_width(kt) / 2 + TICK_GAP for kx, kt in kept):
            kept.append((x, text))
    return sorted(kept)


def month_name(month: str) -> str:
    """``2026-12`` as "Dec 2026": a two-digit year reads like a day."""
    return f"{_MONTHS[int(month[5:7]) - 1]} {month[:4]}"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _short(text: str, limit: int = 28) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _open(width: int, height: int, title: str, desc: str, name: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{name}-t {name}-d">',
        f'<title id="{name}-t">{escape(title)}</title>',
        f'<desc id="{name}-d">{escape(desc)}</desc>',
    ]


def _text(x: float, y: float, content: str, cls: str = "tick", anchor: str = "start") -> str:
    """A label; ``content`` must already be escaped."""
    return f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{content}</text>'


def _points(*pairs: tuple[float, float]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs)


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last``, so empty months show as gaps."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def month_chart(hours: dict[str, float]) -> str:
    """Hours of completed learning per month, as columns on a time axis (none when all are 0)."""
    if not any(hours.values()):
        return ""
    months = months_between(min(hours), max(hours))
    height, left, bottom, top = 240, 44, 40, 12
    plot_w, plot_h = WIDTH - left - 12, height - bottom - top
    most = max(hours.values()) or 1.0
    slot = plot_w / len(months)
    bar_w = max(min(slot * 0.8, 96), 1)  # a month or two draw as columns, not as a wall
    desc = "; ".join(f"{m}: {_num(hours[m])} h" for m in months if hours.get(m))
    out = _open(WIDTH, height, "Hours of learning by month", desc, "months")
    out += _axis(left, top, plot_w, plot_h, most, "h")
    labels = []
    for i, month in enumerate(months):
        value = hours.get(month, 0.0)
        x = left + i * slot
        h = plot_h * value / most
        if value:
            out.append(
                f'<rect class="bar" x="{x + (slot - bar_w) / 2:.1f}" y="{top + plot_h - h:.1f}" '
                f'width="{bar_w:.1f}" height="{h:.1f}">'
                f"<title>{month}: {_num(value)} h</title></rect>"
            )
        labels.append((x + slot / 2, month_name(month)))
    for x, label in spaced(labels, 0, WIDTH):
        out.append(_text(x, top + plot_h + 16, label, anchor="middle"))
    out.append("</svg>")
    return "\n".join(out)


def type_chart(hours: list[tuple[str, float]]) -> str:
    """Hours of completed learning by kind of activity, as labelled horizontal bars (none when all are 0)."""
    if not any(v for _, v in hours):
        return ""
    row, left, right = 26, 170, 60
    height = row * len(hours) + 16
    most = max(v for _, v in hours) or 1.0
    desc = "; ".join(f"{label}: {_num(v)} h" for label, v in hours)
    out = _open(WIDTH, height, "Hours of learning by kind of activity", desc, "types")
    plot_w = WIDTH - left - right
    for i, (label, value) in enumerate(hours):
        y = 8 + i * row
        w = max(plot_w * value / most, 1)
        out.append(_text(left - 8, y + 16, escape(_short(label, 24)), "label", "end"))
        out.append(f'<rect class="bar" x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 8}"/>')
        out.append(_text(left + w + 6, y + 16, f"{_num(value)} h", "value"))
    out.append("</svg>")
    return "\n".join(out)


def _axis(left: int, top: int, plot_w: float, plot_h: float, most: float, unit: str) -> list[str]:
    out = [f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}"/>']
    for frac in (0.5, 1.0):
        y = top + plot_h * (1 - frac)
        out.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>')
        out.append(_text(left - 6, y + 4, f"{_num(most * frac)} {unit}", anchor="end"))
    return out


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    style = f'fill="{colour}" stroke="{colour}"'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" {style}/>'
    if shape == "triangle":
        return f'<polygon points="{_points((x, y - 5), (x + 5, y + 4), (x - 5, y + 4))}" {style}/>'
    if shape == "diamond":
        return f'<polygon points="{_points((x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y))}" {style}/>'
    if shape == "cross":
        down = _points((x - 4, y - 4), (x + 4, y + 4)).replace(" ", "L")
        up = _points((x - 4, y + 4), (x + 4, y - 4)).replace(" ", "L")
        return f'<path d="M{down}M{up}" stroke="{colour}" stroke-width="2"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" {style}/>'


def rating_chart(series: list[tuple[str, list[tuple[str, int]]]]) -> str:
    """Each goal's 1–5 self-ratings over time: one line per goal, told apart by shape and dash."""
    series = [(name, points) for name, points in series if points][: len(PALETTE)]
    if not series:
        return ""
    days = [date.fromisoformat(d) for _, points in series for d, _ in points]
    first, last = min(days), max(days)
    span = (last - first).days

    legend_rows = len(series)
    left, top, plot_h = 44, 12, 160
    plot_w = WIDTH - left - 24

    def at(day: date) -> float:
        """Across the plot by date; a single day sits in the middle, under its one label."""
        return left + (plot_w * (day - first).days / span if span else plot_w / 2)

    height = top + plot_h + 30 + 20 * legend_rows
    desc = "; ".join(f"{name}: " + ", ".join(f"{d} rated {r}" for d, r in points) for name, points in series)
    out = _open(WIDTH, height, "Goal self-ratings over time (1 to 5)", desc, "ratings")
    for level in range(1, 6):
        y = top + plot_h * (5 - level) / 4
        out.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{level}</text>')
    ticks = [(at(day), day.isoformat()) for day in sorted(set(days))]
    if len(ticks) > 2:  # the first and last first, then whatever fits between them
        ticks = [ticks[0], ticks[-1], *ticks[1:-1]]
    for x, label in spaced(ticks, 0, WIDTH):
        out.append(_text(x, top + plot_h + 18, label, anchor="middle"))
    for i, (name, points) in enumerate(series):
        colour, dash, shape = PALETTE[i], DASHES[i], MARKERS[i]
        coords = [(at(date.fromisoformat(d)), top + plot_h * (5 - r) / 4) for d, r in sorted(points)]
        path = _points(*coords)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline class="line" points="{path}" stroke="{colour}"{dash_attr}/>')
        out += [_marker(shape, x, y, colour) for x, y in coords]
        ly = top + plot_h + 36 + 20 * i
        out.append(
            f'<line x1="{left}" y1="{ly - 4}" x2="{left + 30}" y2="{ly - 4}" stroke="{colour}" '
            f'stroke-width="2"{dash_attr}/>'
        )
        out.append(_marker(shape, left + 15, ly - 4, colour))
        out.append(_text(left + 40, ly, escape(_short(name, 70)), "label"))
    out.append("</svg>")
    return "\n".join(out)
