"""Charts drawn as SVG on the server, so the PDF (WeasyPrint runs no JavaScript) gets them
too. Pure functions: numbers in, markup out (escaped)."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 240, 96, 18


def distribution(
    title: str, counts: list[int], marker: float | None = None, marker_label: str = ""
) -> SafeString:
    """A histogram over 0-100 with `marker` (this candidate's score) drawn as a line."""
    bins = len(counts)
    top = max(counts) if counts and max(counts) else 1
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    bar_w = plot_w / bins
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{PAD}" y="12" font-size="11" font-weight="600">{escape(title)}</text>',
    ]
    for n, count in enumerate(counts):
        h = plot_h * count / top
        x = PAD + n * bar_w
        parts.append(
            f'<rect class="bar" x="{x + 1:.1f}" y="{PAD + plot_h - h:.1f}" width="{bar_w - 2:.1f}"'
            f' height="{h:.1f}" fill="#9ab8cf"><title>{n * 100 // bins}-'
            f"{(n + 1) * 100 // bins}: {count}</title></rect>"
        )
    base_y = PAD + plot_h
    parts.append(
        f'<line x1="{PAD}" y1="{base_y}" x2="{WIDTH - PAD}" y2="{base_y}" stroke="#667"/>'
        f'<text x="{PAD}" y="{HEIGHT - 4}" font-size="9">0</text>'
        f'<text x="{WIDTH - PAD - 12}" y="{HEIGHT - 4}" font-size="9">100</text>'
    )
    if marker is not None:
        x = PAD + plot_w * max(0.0, min(100.0, marker)) / 100
        parts.append(
            f'<line class="marker" x1="{x:.1f}" y1="{PAD - 2}" x2="{x:.1f}" y2="{base_y}" '
            f'stroke="#c0392b" stroke-width="2"/>'
            # The label on the side with room: left of the line past the middle.
            f'<text x="{x + 3 if x < WIDTH / 2 else x - 3:.1f}" y="{PAD + 8}" font-size="9" '
            f'fill="#c0392b" text-anchor="{"start" if x < WIDTH / 2 else "end"}">'
            f"{escape(marker_label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above
