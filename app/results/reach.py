"""Children reached, planned against measured, and the share of completed initiatives whose results
are counted by sex: the figures of the public dashboard (/stats), in four queries.

- Counted: initiatives in a public stage from incubating on (app.results.web.sections SHOWN_IN aside:
  withdrawn ones are not public).
- Planned: the children the initiative plans to reach (its girls_0_5 … boys_12_17 columns).
- Measured: per initiative, the latest measurement of its indicator that counts the children reached
  (Indicator.counts_children; the one with the largest latest total when there are several): girls and
  boys when counted by sex, the age bands when counted by age band, the total otherwise.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core.extensions import db
from app.projects.models import AGE_BANDS, SEXES, Project, Stage
from app.results.models import Indicator, Measurement

COUNTED_STAGES = (Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE, Stage.COMPLETION_REVIEW, Stage.COMPLETED)
ZERO = Decimal(0)


@dataclass
class PlannedMeasured:
    planned: Decimal = ZERO
    measured: Decimal = ZERO


@dataclass
class Reach:
    by_sex: dict[str, PlannedMeasured] = field(default_factory=lambda: {s: PlannedMeasured() for s in SEXES})
    by_age: dict[str, PlannedMeasured] = field(default_factory=lambda: {a: PlannedMeasured() for a in AGE_BANDS})
    by_country: dict[str, PlannedMeasured] = field(default_factory=lambda: defaultdict(PlannedMeasured))
    by_theme: dict[str, PlannedMeasured] = field(default_factory=lambda: defaultdict(PlannedMeasured))
    total: PlannedMeasured = field(default_factory=PlannedMeasured)
    completed: int = 0
    completed_by_sex: int = 0

    @property
    def completed_by_sex_share(self) -> float | None:
        return self.completed_by_sex / self.completed if self.completed else None


def latest_children_measurements(project_ids: list[int]) -> dict[int, Measurement]:
    """Project id → the latest measurement of its children-reached indicator (one query)."""
    rows = db.session.execute(
        select(Indicator.project_id, Measurement).join(Measurement, Measurement.indicator_id == Indicator.id)
        .where(Indicator.project_id.in_(project_ids), Indicator.counts_children.is_(True))
        .order_by(Measurement.indicator_id, Measurement.measured_on, Measurement.id)
    ).all()
    latest_by_indicator: dict[int, tuple[int, Measurement]] = {}
    for project_id, measurement in rows:
        latest_by_indicator[measurement.indicator_id] = (project_id, measurement)
    found: dict[int, Measurement] = {}
    for project_id, measurement in latest_by_indicator.values():
        if project_id not in found or measurement.total > found[project_id].total:
            found[project_id] = measurement
    return found


def reach() -> Reach:
    """The figures of children reached (see the module's docstring)."""
    projects = list(db.session.scalars(
        select(Project).options(selectinload(Project.themes)).where(Project.stage.in_(COUNTED_STAGES))
    ))
    measured = latest_children_measurements([p.id for p in projects]) if projects else {}
    figures = Reach()
    for project in projects:
        planned = {f"{s}_{a}": Decimal(getattr(project, f"{s}_{a}") or 0) for s in SEXES for a in AGE_BANDS}
        m = measured.get(project.id)
        done = {s: ((getattr(m, s) or ZERO) if m else ZERO) for s in SEXES}
        bands = {k: Decimal(v) for k, v in (m.by_age or {}).items()} if m else {}
        total_planned, total_measured = sum(planned.values(), ZERO), (m.total if m else ZERO)
        for sex in SEXES:
            figures.by_sex[sex].planned += sum((v for k, v in planned.items() if k.startswith(sex)), ZERO)
            figures.by_sex[sex].measured += done[sex]
        for band in AGE_BANDS:
            figures.by_age[band].planned += sum((planned[f"{s}_{band}"] for s in SEXES), ZERO)
            figures.by_age[band].measured += sum((bands.get(f"{s}_{band}", ZERO) for s in SEXES), ZERO)
        for line in (figures.by_country[project.country_code], figures.total,
                     *(figures.by_theme[t.key] for t in project.themes)):
            line.planned += total_planned
            line.measured += total_measured
    completed = [p.id for p in projects if p.stage == Stage.COMPLETED]
    figures.completed = len(completed)
    if completed:
        figures.completed_by_sex = len(set(db.session.scalars(
            select(Indicator.project_id).join(Measurement, Measurement.indicator_id == Indicator.id)
            .where(Indicator.project_id.in_(completed), Indicator.by_sex.is_(True)).distinct()
        )))
    return figures
