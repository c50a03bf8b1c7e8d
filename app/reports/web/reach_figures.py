"""The dashboard figures of results: children reached (planned against measured) by sex, age band,
country and theme, and the share of completed initiatives with results counted by sex (app.results.reach).
Each is a chart with a table of the same numbers beside it."""

from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import gettext as _

from app.core import charts
from app.projects.web.labels import AGE_BAND_NAMES, SEX_NAMES
from app.reference.names import country_name, theme_name
from app.reports.web.figures import Figure, number, share
from app.results.reach import Reach, reach


def _amount(value: Decimal) -> str:
    return format_decimal(value.normalize() if value else 0)


def _planned_measured(key: str, title: str, note: str, first: str, lines: list[tuple[str, object]]) -> Figure:
    bars = []
    for label, line in lines:
        bars.append(charts.Bar(_("%(what)s, planned", what=label), line.planned, _amount(line.planned)))
        bars.append(charts.Bar(_("%(what)s, measured", what=label), line.measured, _amount(line.measured)))
    return Figure(
        key=key, title=title, note=note,
        headers=[first, _("Planned"), _("Measured")],
        rows=[[label, _amount(line.planned), _amount(line.measured)] for label, line in lines],
        bars=bars,
    )


def reach_figures(figures: Reach | None = None) -> list[Figure]:
    """The results figures of the public dashboard, in the order of the page."""
    figures = figures or reach()
    note = _("Initiatives from incubation on. Planned: the children each initiative plans to reach; measured: "
             "the latest measurement of its indicator of children reached.")
    completed_others = figures.completed - figures.completed_by_sex
    by_sex_share = figures.completed_by_sex_share
    return [
        _planned_measured("reach-sex", _("Children reached by sex"), note, _("Sex"),
                          [(str(SEX_NAMES[s]), line) for s, line in figures.by_sex.items()]),
        _planned_measured("reach-age", _("Children reached by age band"),
                          note + " " + _("Measured by age band where the indicator counts by age band."),
                          _("Age band"), [(str(AGE_BAND_NAMES[a]), line) for a, line in figures.by_age.items()]),
        _planned_measured("reach-country", _("Children reached by country"), note, _("Country"),
                          sorted(((country_name(c), line) for c, line in figures.by_country.items()),
                                 key=lambda item: item[0])),
        _planned_measured("reach-theme", _("Children reached by theme"),
                          note + " " + _("An initiative with several themes counts in each."), _("Theme"),
                          sorted(((theme_name(t), line) for t, line in figures.by_theme.items()),
                                 key=lambda item: item[0])),
        Figure(
            key="results-by-sex",
            title=_("Completed initiatives with results counted by sex"),
            note=_("Completed initiatives with at least one measured indicator counted by sex, and their share."),
            headers=[_("Initiatives"), _("Number"), _("Share")],
            rows=[[_("Results counted by sex"), number(figures.completed_by_sex), share(by_sex_share)],
                  [_("Other completed initiatives"), number(completed_others),
                   share(None if by_sex_share is None else 1 - by_sex_share)]],
            bars=[charts.Bar(_("Results counted by sex"), figures.completed_by_sex,
                             f"{number(figures.completed_by_sex)} ({share(by_sex_share)})"),
                  charts.Bar(_("Other completed initiatives"), completed_others, number(completed_others))],
            footer=[_("Total"), number(figures.completed), share(1 if figures.completed else None)],
        ),
    ]
