"""What the move to completion review asks of an initiative's results (DESIGN.md, "Results that
count"): at least one indicator with a measurement, and, for a girls-focused initiative or one whose
validated GE code is GE-2 or GE-3, at least one indicator counted by sex (with a measurement).

`ResultsRecorded` is one part of that move's gate in app.gate.workflow.TRANSITIONS; the check-gates
audit (app.gate.integrity) asks it again of every initiative standing past the gate.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import exists, select

from app.core.extensions import db
from app.gate import unmet as rules
from app.gate.models import Assessment, AssessmentReview, GECode, Phase, Verdict, current_review
from app.gate.unmet import Unmet
from app.projects.models import Project
from app.results.models import Indicator, Measurement

BY_SEX_CODES = frozenset({GECode.GE2, GECode.GE3})


def needs_results_by_sex(project: Project) -> bool:
    """Girls-focused, or validated GE-2 or GE-3 by a reviewer: its results must be counted by sex.

    The code is the newest one validated on the design or implementation assessment: the review of the
    results comes after this gate, and the check-gates audit must ask what the gate asked."""
    if project.girls_focused:
        return True
    code = db.session.scalar(
        select(AssessmentReview.ge_code)
        .join(Assessment, Assessment.id == AssessmentReview.assessment_id)
        .where(Assessment.project_id == project.id, Assessment.phase != Phase.RESULTS,
               AssessmentReview.verdict == Verdict.SATISFACTORY, current_review())
        .order_by(AssessmentReview.created_at.desc(), AssessmentReview.id.desc())
        .limit(1)
    )
    return code in BY_SEX_CODES


def _measured(project: Project, *conditions) -> bool:
    return bool(db.session.scalar(select(exists().where(
        Measurement.indicator_id == Indicator.id, Indicator.project_id == project.id, *conditions
    ))))


@dataclass(frozen=True)
class ResultsRecorded:
    """The initiative has measured results, counted by sex when its aims ask for it."""

    phase = None  # about no assessment
    requirement = "results_recorded"

    def __call__(self, project: Project) -> list[Unmet]:
        unmet = []
        if not _measured(project):
            unmet.append(Unmet(
                _("Record at least one indicator with a measurement: the results must be counted, not only told."),
                rules.MEASUREMENT_MISSING,
            ))
        if needs_results_by_sex(project) and not _measured(project, Indicator.by_sex.is_(True)):
            unmet.append(Unmet(
                _("This initiative is girls-focused or its gender-equality code is GE-2 or GE-3: record at "
                  "least one indicator counted by sex (girls and boys), with a measurement."),
                rules.BY_SEX_MISSING,
            ))
        return unmet
