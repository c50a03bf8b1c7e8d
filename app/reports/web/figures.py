"""What the dashboards show: each figure as a chart and a table holding the same numbers.

A Figure carries its heading, a sentence saying what it counts, the table's headers and rows (the
first cell of a row is its header) and the bars of its chart, all in the reader's language.
Amounts are formatted per kind and unit by app.resources.money: currencies are never added together.
"""

from dataclasses import dataclass, field

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from markupsafe import Markup

from app.core import charts
from app.gate.questions import GE_CODE_MEANINGS
from app.gate.workflow import STAGE_NAMES
from app.projects.models import AGE_BANDS, SEXES
from app.projects.web.labels import AGE_BAND_NAMES, SEX_NAMES
from app.reference.names import country_name, region_name
from app.reports.stats import ProjectCounts, ReviewFigures
from app.resources import money
from app.voice.figures import ConsultedCounts


@dataclass
class Figure:
    key: str  # lower-case letters and hyphens: the ids of the heading and the chart
    title: str
    note: str
    headers: list[str]
    rows: list[list[str]]
    bars: list[charts.Bar]
    footer: list[str] = field(default_factory=list)
    maximum: float | None = None

    @property
    def chart(self) -> Markup:
        return charts.bar_chart(
            self.bars, chart_id=f"chart-{self.key}", title=self.title, description=self.note, maximum=self.maximum
        )


def number(value: int) -> str:
    return format_decimal(value)


def days(value: float | None) -> str:
    return "—" if value is None else format_decimal(round(value, 1), format="#,##0.0")


def share(value: float | None) -> str:
    return "—" if value is None else format_percent(value)


def _counts(key: str, title: str, note: str, first: str, items: list[tuple[str, int]], total: int) -> Figure:
    return Figure(
        key=key,
        title=title,
        note=note,
        headers=[first, _("Initiatives")],
        rows=[[label, number(count)] for label, count in items],
        bars=[charts.Bar(label, count, number(count)) for label, count in items],
        footer=[_("Total"), number(total)],
    )


def project_figures(counts: ProjectCounts, prefix: str, by_country: bool = True) -> list[Figure]:
    """Initiatives by stage, by region and, unless the page draws them on its map, by country (every
    country of the programme, zeros included); the page says which initiatives are counted."""
    figures = [
        _counts(f"{prefix}-stage", _("Initiatives by stage"),
                _("Each initiative counts once, in the stage it stands in now."), _("Stage"),
                [(str(STAGE_NAMES[stage]), count) for stage, count in counts.by_stage.items()], counts.total),
        _counts(f"{prefix}-region", _("Initiatives by region"),
                _("Each initiative counts once, in the region of the country where it works."), _("Region"),
                [(region_name(key), count) for key, count in counts.by_region.items()], counts.total),
        _counts(f"{prefix}-country", _("Initiatives by country"),
                _("Each initiative counts once, in the country where it works; the countries with the most "
                  "initiatives come first."), _("Country"),
                sorted(((country_name(code), count) for code, count in counts.by_country.items()),
                       key=lambda item: (-item[1], item[0])), counts.total),
    ]
    return figures if by_country else figures[:2]


def review_page_figures(figures: ReviewFigures) -> list[Figure]:
    """Every figure of the reviewers' dashboard, in the order of the page."""
    return [
        *project_figures(figures.projects, "review"),
        ge_code_figure(figures),
        girls_figure(figures),
        review_time_figure(figures),
        resources_figure(figures),
        participation_figure(figures),
    ]


def ge_code_figure(figures: ReviewFigures) -> Figure:
    """The table names each code with its meaning; the chart, narrower, with the code alone."""
    counts = [(code.value, str(GE_CODE_MEANINGS[code.value]), count) for code, count in figures.ge_codes.items()]
    counts.append((_("Not reviewed yet"), _("Not reviewed yet"), figures.not_reviewed))
    return Figure(
        key="ge-codes",
        title=_("Gender-equality codes given by reviewers"),
        note=_("Each initiative except drafts counts once, with the code of its newest reviewed assessment. "
               "Initiatives whose assessments no reviewer has validated yet are counted apart."),
        headers=[_("Gender-equality code"), _("Initiatives")],
        rows=[[meaning, number(count)] for _code, meaning, count in counts],
        bars=[charts.Bar(code, count, number(count)) for code, _meaning, count in counts],
        footer=[_("Total"), number(figures.projects.total)],
    )


def girls_figure(figures: ReviewFigures) -> Figure:
    counts = figures.projects
    others = counts.total - counts.girls_focused
    girls_share = counts.girls_focused_share
    other_share = None if girls_share is None else 1 - girls_share
    return Figure(
        key="girls-focused",
        title=_("Girls-focused initiatives"),
        note=_("Initiatives except drafts whose organisation marked them as girls-focused, and their share "
               "of all initiatives."),
        headers=[_("Initiatives"), _("Number"), _("Share")],
        rows=[
            [_("Girls-focused"), number(counts.girls_focused), share(girls_share)],
            [_("Other initiatives"), number(others), share(other_share)],
        ],
        bars=[
            charts.Bar(_("Girls-focused"), counts.girls_focused,
                       f"{number(counts.girls_focused)} ({share(girls_share)})"),
            charts.Bar(_("Other initiatives"), others, f"{number(others)} ({share(other_share)})"),
        ],
        footer=[_("Total"), number(counts.total), share(1 if counts.total else None)],
    )


def review_time_figure(figures: ReviewFigures) -> Figure:
    return Figure(
        key="review-time",
        title=_("Time in review"),
        note=_("Initiatives waiting now in a review stage, counted in days since they entered it (the median "
               "and the longest wait), and how long the reviews already over took, from entering the review "
               "stage to the next stage change (the median). The bars show the initiatives waiting now."),
        headers=[_("Review stage"), _("Waiting now"), _("Median wait (days)"), _("Longest wait (days)"),
                 _("Reviews over"), _("Median length of reviews over (days)")],
        rows=[
            [str(STAGE_NAMES[line.stage]), number(line.waiting), days(line.median_days), days(line.longest_days),
             number(line.finished), days(line.finished_median_days)]
            for line in figures.review_times
        ],
        bars=[
            charts.Bar(str(STAGE_NAMES[line.stage]), line.waiting, number(line.waiting))
            for line in figures.review_times
        ],
        footer=[_("All review stages"), number(sum(line.waiting for line in figures.review_times)), "", "",
                number(figures.finished_reviews), days(figures.finished_median_days)],
    )


def resources_figure(figures: ReviewFigures) -> Figure:
    def amount(value, line) -> str:
        return money.format_quantity(value, line.kind, line.unit)

    def kind_and_unit(line) -> str:
        return f"{money.KIND_NAMES[line.kind]} · {line.unit}"

    return Figure(
        key="resources",
        title=_("Resources pledged and fulfilled"),
        note=_("Needs of initiatives except drafts (open and closed), one line per kind and unit: each currency "
               "on its own line, never added together. Pledged counts the pledges still standing (waiting, "
               "accepted or fulfilled). The bars show the share of what the needs ask for that was fulfilled."),
        headers=[_("Kind and unit"), _("Needs"), _("Asked for"), _("Pledged"), _("Fulfilled"), _("Fulfilled share")],
        rows=[
            [kind_and_unit(line), number(line.needs), amount(line.target, line), amount(line.pledged, line),
             amount(line.fulfilled, line), share(line.fulfilled_share)]
            for line in figures.resources
        ],
        bars=[
            charts.Bar(kind_and_unit(line), line.fulfilled_share * 100, share(line.fulfilled_share))
            for line in figures.resources
        ],
        maximum=100,
    )


def participation_figure(figures: ReviewFigures) -> Figure:
    p = figures.participation
    items = [
        (_("Published comments"), p.comments),
        (_("Supports"), p.supports),
        (_("Follows"), p.follows),
        (_("Pledges"), p.pledges),
        (_("Active people (last %(days)d days)", days=p.active_days), p.active_people),
    ]
    return Figure(
        key="participation",
        title=_("Participation"),
        note=_("Comments, supports, follows and pledges on initiatives except drafts, and the number of different "
               "people who commented, supported, followed or pledged in the last %(days)d days.", days=p.active_days),
        headers=[_("What"), _("Number")],
        rows=[[label, number(count)] for label, count in items],
        bars=[charts.Bar(label, count, number(count)) for label, count in items],
    )


def consulted_figures(counts: ConsultedCounts) -> list[Figure]:
    """Children consulted on initiatives (figures only): by sex and age band, and by country."""
    bands = [_("%(sex)s, %(band)s", sex=SEX_NAMES[sex], band=AGE_BAND_NAMES[band])
             for sex in SEXES for band in AGE_BANDS]
    by_sex = [[str(SEX_NAMES[sex]), *(number(counts.by_band[f"{sex}_{band}"]) for band in AGE_BANDS),
               number(sum(counts.by_band[f"{sex}_{band}"] for band in AGE_BANDS))] for sex in SEXES]
    countries = sorted(((country_name(code), n) for code, n in counts.by_country.items() if n),
                       key=lambda item: (-item[1], item[0]))  # the countries where children were consulted
    return [
        Figure(
            key="consulted-age",
            title=_("Children consulted, by sex and age"),
            note=_("Girls and boys who took part in the consultations recorded on the initiatives counted here "
                   "(%(num)s consultations). Children are counted, never named.", num=number(counts.consultations)),
            headers=[_("Sex"), *(str(AGE_BAND_NAMES[band]) for band in AGE_BANDS), _("Total")],
            rows=by_sex,
            bars=[charts.Bar(label, counts.by_band[band], number(counts.by_band[band]))
                  for label, band in zip(bands, counts.by_band, strict=True)],
            footer=[_("Total"), *(number(sum(counts.by_band[f"{sex}_{band}"] for sex in SEXES)) for band in AGE_BANDS),
                    number(counts.total)],
        ),
        Figure(
            key="consulted-country",
            title=_("Children consulted, by country"),
            note=_("Each consultation counts in the country where its initiative works; the countries where the most "
                   "children were consulted come first."),  # countries with none are left out
            headers=[_("Country"), _("Children consulted")],
            rows=[[label, number(n)] for label, n in countries],
            bars=[charts.Bar(label, n, number(n)) for label, n in countries],
            footer=[_("Total"), number(counts.total)],
        ),
    ]
