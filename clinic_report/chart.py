"""The daily chart as inline SVG: patient messages stacked by language, conversations as a line."""

from __future__ import annotations

import math
from html import escape

from clinic_report.summary import LANGUAGES, Summary

WIDTH, HEIGHT = 960, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
COLORS = {"en": "#2b6cb0", "es": "#dd6b20", "other": "#a0aec0"}
LINE_COLOR = "#22543d"
MAX_X_LABELS = 10


def nice_step(top: int, ticks: int = 4) -> int:
    """A round gridline step (1, 2, 5, 10, 20, ...) giving about ``ticks`` lines up to ``top``."""
    raw = max(top, 1) / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def daily_chart(summary: Summary, labels: dict[str, str]) -> str:
    """The SVG element; ``labels`` names each language group."""
    days = sorted(summary.days)
    highest = max(
        [sum(d.messages.values()) for d in summary.days.values()]
        + [sum(d.conversations.values()) for d in summary.days.values()]
        + [1]
    )
    step = nice_step(highest)
    top = step * math.ceil(highest / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(days)
    bar = max(slot * 0.7, 1)

    def y(value: float) -> float:
        return TOP + plot_h - value / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-labelledby="chart-title" class="chart">',
        '<title id="chart-title">Patient messages per day by language, '
        "and conversations per day</title>",
    ]
    for value in range(0, top + 1, step):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'class="grid"/><text x="{LEFT - 6}" y="{y(value) + 4:.1f}" class="tick" '
            f'text-anchor="end">{value}</text>'
        )
    every = max(1, math.ceil(len(days) / MAX_X_LABELS))
    points = []
    for index, day in enumerate(days):
        counts = summary.days[day]
        x = LEFT + index * slot + (slot - bar) / 2
        base = 0
        total = sum(counts.messages.values())
        parts.append(
            f'<g class="day" data-day="{day.isoformat()}" data-messages="{total}" '
            f'data-conversations="{sum(counts.conversations.values())}">'
        )
        for language in LANGUAGES:
            value = counts.messages[language]
            if value:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y(base + value):.1f}" width="{bar:.1f}" '
                    f'height="{value / top * plot_h:.1f}" fill="{COLORS[language]}" '
                    f'data-language="{language}"><title>{day:%b %d}: {value} '
                    f"{escape(labels[language])} messages</title></rect>"
                )
            base += value
        parts.append("</g>")
        points.append(f"{x + bar / 2:.1f},{y(sum(counts.conversations.values())):.1f}")
        if index % every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" class="tick" '
                f'text-anchor="middle">{day:%b %d}</text>'
            )
    parts.append(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE_COLOR}" '
        'stroke-width="2" class="conversations"/>'
    )
    for point in points:
        cx, cy = point.split(",")
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{LINE_COLOR}"/>')
    parts.append("</svg>")
    return "".join(parts)


def legend(labels: dict[str, str]) -> str:
    """The chart's legend as HTML."""
    items = [
        f'<span><i style="background:{COLORS[lang]}"></i>{escape(labels[lang])} messages</span>'
        for lang in LANGUAGES
    ]
    items.append(f'<span><i class="line" style="background:{LINE_COLOR}"></i>conversations</span>')
    return f'<p class="legend">{"".join(items)}</p>'
