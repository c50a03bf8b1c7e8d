"""An indicator drawn on the server as a small inline SVG line chart: no JavaScript.

The baseline and the target are dashed lines across the chart; each series (the total, or girls and
boys apart when the indicator is counted by sex) is a line through its measurements, with a dot on each
one. Like the bar charts of app.core.charts, the `<svg role="img">` is named by its `<title>` and
described by its `<desc>`, which says every figure, and the page puts a table of the same numbers beside
it; colours are presentation attributes (the Content-Security-Policy forbids inline styles), and every
text is escaped.
"""

from decimal import Decimal

from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup, escape

from app.results.models import Indicator
from app.results.values import plain

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 8, 312, 18, 126
# Each series: its key, colour (AA against white) and dash pattern, so that colour is not the only cue.
SERIES = {"total": ("#1b1f24", ""), "girls": ("#8a1c5c", ""), "boys": ("#0b5c8a", "6 3")}
GUIDES = {"baseline": "#5b6470", "target": "#2e6b30"}


def series_names() -> dict[str, str]:
    return {"total": _("Total"), "girls": _("Girls"), "boys": _("Boys")}


def series_of(indicator: Indicator) -> list[str]:
    return ["girls", "boys"] if indicator.by_sex else ["total"]


def _y(value: Decimal, top: Decimal) -> float:
    share = float(value) / float(top) if top else 0.0
    return round(BOTTOM - share * (BOTTOM - TOP), 1)


def indicator_chart(indicator: Indicator, chart_id: str) -> Markup:
    """The SVG of one indicator; `chart_id` (letters, digits, hyphens) prefixes its ids."""
    measurements = indicator.measurements
    names = series_names()
    keys = series_of(indicator)
    values = [indicator.baseline, indicator.target]
    for m in measurements:
        values += [getattr(m, key) or Decimal(0) for key in keys]
    top = max(values) or Decimal(1)
    count = len(measurements)

    def x(i: int) -> float:
        return round(LEFT + (RIGHT - LEFT) * (i / (count - 1) if count > 1 else 0.5), 1)

    title = escape(_("%(name)s: baseline, target and measurements", name=indicator.name))
    parts = [_("Baseline: %(value)s", value=plain(indicator.baseline)),
             _("Target: %(value)s", value=plain(indicator.target))]
    for m in measurements:
        figures = ", ".join(f"{names[key]} {plain(getattr(m, key))}" for key in keys)
        parts.append(f"{format_date(m.measured_on)}: {figures}")
    if not measurements:
        parts.append(_("No measurement yet."))
    desc = escape("; ".join(str(p) for p in parts))
    out = [
        f'<svg class="chart indicator-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="11">',
        f'<title id="{chart_id}-title">{title}</title><desc id="{chart_id}-desc">{desc}</desc>',
        f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="#8a929c"/>',
    ]
    for key, label in (("baseline", _("baseline")), ("target", _("target"))):
        y = _y(getattr(indicator, key), top)
        out.append(f'<line class="chart-{key}" x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="{GUIDES[key]}" '
                   'stroke-dasharray="2 3"/>')
        out.append(f'<text x="{RIGHT}" y="{y - 3}" text-anchor="end" fill="{GUIDES[key]}">'
                   f'{escape(label)} {escape(plain(getattr(indicator, key)))}</text>')
    for key in keys:
        colour, dash = SERIES[key]
        points = [(x(i), _y(getattr(m, key) or Decimal(0), top)) for i, m in enumerate(measurements)]
        if len(points) > 1:
            path = " ".join(f"{px},{py}" for px, py in points)
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<polyline class="chart-{key}" points="{path}" fill="none" stroke="{colour}" '
                       f'stroke-width="2"{dashed}/>')
        out += [f'<circle cx="{px}" cy="{py}" r="3.5" fill="{colour}"/>' for px, py in points]
    if measurements:
        out.append(f'<text x="{LEFT}" y="{HEIGHT - 6}" fill="#1b1f24">'
                   f'{escape(format_date(measurements[0].measured_on))}</text>')
        if count > 1:
            out.append(f'<text x="{RIGHT}" y="{HEIGHT - 6}" text-anchor="end" fill="#1b1f24">'
                       f'{escape(format_date(measurements[-1].measured_on))}</text>')
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704 (numbers, fixed markup, and texts escaped above) # nosec B704
