"""Horizontal bar charts drawn on the server as inline SVG: no JavaScript, readable on a phone.

A chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>` (both tied with
aria-labelledby); the description repeats every label and value, and the page puts a table with the
same numbers beside it. Each row has its label (at the start of the line: left, or right in a
right-to-left language such as Arabic) and its value (at the end) on one line, and its bar below,
growing from the start. Positions are percentages of the width, with no viewBox: the bars stretch with the page while
the text keeps the page's own size, on a 320 px phone as on a wide screen.

Colours are SVG presentation attributes (the Content-Security-Policy forbids inline styles) that meet
WCAG AA against white; site.css may restyle them through their classes (high-contrast modes).
Every text is escaped: labels can hold organisation names and other text people typed.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

INK = "#1b1f24"  # text: 16:1 against white
BAR = "#0b5c8a"  # the brand blue: 7:1 against white, 3:1 and more against the track
TRACK = "#e3e8ee"
FONT_SIZE = 14
ROW_HEIGHT = 44
TEXT_BASELINE = 17
BAR_TOP = 23
BAR_HEIGHT = 14
MIN_BAR_PERCENT = 0.5  # a value above zero always shows a sliver of bar
LABEL_MAX = 30  # longer labels are shortened in the drawing (the table and the row's title keep them)
ID_PATTERN = re.compile(r"[a-z][a-z0-9-]{0,60}")


@dataclass(frozen=True)
class Bar:
    """One row: its label, the number that sets the bar's length, and how the value reads."""

    label: str
    value: int | float | Decimal
    text: str | None = None

    @property
    def shown(self) -> str:
        return self.text if self.text is not None else str(self.value)


def _right_to_left() -> bool:
    locale = get_locale()
    return locale is not None and locale.character_order == "right-to-left"


def bar_chart(bars, *, chart_id: str, title: str, description: str = "", maximum=None) -> Markup:
    """The SVG of a horizontal bar chart of `bars`, as Markup to put in a page.

    `chart_id` (lower-case letters, digits and hyphens) prefixes the ids of the title and the
    description; `maximum` is the value of a full-width bar (the largest value otherwise). Refuses
    (ValueError) an id that could break out of its attribute.
    """
    if not ID_PATTERN.fullmatch(chart_id):
        raise ValueError(f"chart id {chart_id!r}: use lower-case letters, digits and hyphens")
    bars = list(bars)
    values = [max(float(bar.value), 0.0) for bar in bars]
    top = float(maximum) if maximum is not None else max(values, default=0.0)
    summary = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars) if bars else _("No figures yet.")
    height = max(len(bars), 1) * ROW_HEIGHT
    rtl = _right_to_left()
    # In a right-to-left page the drawing mirrors: "start" anchors at the right edge (x=100%).
    start, end = ("100%", "0") if rtl else ("0", "100%")
    parts = [
        Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{id}" role="img" direction="{direction}" '
            'aria-labelledby="{id}-title {id}-desc" width="100%" height="{height}" font-size="{size}" fill="{ink}">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        ).format(
            id=chart_id, height=height, size=FONT_SIZE, ink=INK, title=title, direction="rtl" if rtl else "ltr",
            desc=f"{description} {summary}".strip(),
        )
    ]
    if not bars:
        parts.append(
            Markup('<text x="{x}" y="{y}" class="chart-empty">{text}</text>').format(
                x=start, y=TEXT_BASELINE, text=_("No figures yet.")
            )
        )
    for row, (bar, value) in enumerate(zip(bars, values, strict=True)):
        parts.append(_row(row * ROW_HEIGHT, bar, value, top, start=start, end=end, rtl=rtl))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _row(y: int, bar: Bar, value: float, top: float, *, start="0", end="100%", rtl=False) -> Markup:
    """One row: a title (the full label and value, shown on hover), the label, the value, the bar."""
    percent = min(value / top * 100, 100.0) if top > 0 else 0.0
    if value > 0:
        percent = max(percent, MIN_BAR_PERCENT)
    label = bar.label if len(bar.label) <= LABEL_MAX else bar.label[: LABEL_MAX - 1].rstrip() + "…"
    row = Markup(
        '<g class="chart-row"><title>{full}: {shown}</title>'
        '<text x="{start}" y="{text_y}" class="chart-label">{label}</text>'
        '<text x="{end}" y="{text_y}" text-anchor="end" font-weight="600" class="chart-value">{shown}</text>'
        '<rect x="0" y="{bar_y}" width="100%" height="{bar_height}" fill="{track}" class="chart-track"/>'
    ).format(
        full=bar.label, shown=bar.shown, label=label, text_y=y + TEXT_BASELINE, bar_y=y + BAR_TOP,
        bar_height=BAR_HEIGHT, track=TRACK, start=start, end=end,
    )
    if percent > 0:
        row += Markup(
            '<rect x="{x}%" y="{bar_y}" width="{width}%" height="{bar_height}" fill="{fill}" class="chart-bar"/>'
        ).format(x=f"{100 - percent:.2f}" if rtl else "0", bar_y=y + BAR_TOP, width=f"{percent:.2f}",
                 bar_height=BAR_HEIGHT, fill=BAR)
    return row + Markup("</g>")
