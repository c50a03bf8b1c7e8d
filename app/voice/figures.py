"""Children consulted, for the dashboards and the consultations export: by sex and age band, and by
country. Counted in the database with one grouped query, whatever the number of consultations.

Only consultations on initiatives in `stages` count (the public dashboard: PUBLIC_STAGES, the
initiatives anyone may view). Figures only: never a word the children said.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.core.extensions import db
from app.projects.models import PUBLIC_STAGES, Project
from app.reference.names import COUNTRIES
from app.voice.models import BANDS, Consultation


@dataclass
class ConsultedCounts:
    """Children consulted by band (girls_0_5 … boys_12_17) and by country (zeros included), and how many
    consultations."""

    by_band: dict[str, int] = field(default_factory=dict)
    by_country: dict[str, int] = field(default_factory=dict)
    consultations: int = 0

    def __post_init__(self):
        self.by_band = dict.fromkeys(BANDS, 0) | self.by_band
        self.by_country = dict.fromkeys(COUNTRIES, 0) | self.by_country

    @property
    def total(self) -> int:
        return sum(self.by_band.values())


def children_consulted(stages=PUBLIC_STAGES) -> ConsultedCounts:
    """The children consulted on initiatives standing in `stages` (one query)."""
    rows = db.session.execute(
        select(Project.country_code, func.count(Consultation.id),
               *(func.coalesce(func.sum(getattr(Consultation, band)), 0) for band in BANDS))
        .join(Project, Project.id == Consultation.project_id)
        .where(Project.stage.in_(list(stages)))
        .group_by(Project.country_code)
    ).all()
    counts = ConsultedCounts()
    for country, consultations, *bands in rows:
        counts.consultations += consultations
        counts.by_country[country] = counts.by_country.get(country, 0) + sum(int(n) for n in bands)
        for band, n in zip(BANDS, bands, strict=True):
            counts.by_band[band] += int(n)
    return counts
