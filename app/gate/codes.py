"""The gender-equality code a reviewer validated, and what each code means in plain words."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core.extensions import db
from app.gate.models import Assessment, AssessmentReview, GECode, Phase, Verdict, current_review
from app.projects.models import Project

# Longer than GE_CODE_MEANINGS (app.gate.questions): for readers who never met the IASC marker.
GE_CODE_EXPLANATIONS = {
    GECode.GE0.value: _l(
        "Gender equality is not one of the initiative's aims. Like every initiative of the programme, it "
        "must still do no harm to girls and boys."
    ),
    GECode.GE1.value: _l(
        "Some activities take the different needs of girls and boys into account, but gender equality is "
        "not one of the initiative's main aims."
    ),
    GECode.GE2.value: _l(
        "Gender equality is a significant, deliberate aim: the initiative's analysis, activities and "
        "figures all look at girls and boys, and at who is left out."
    ),
    GECode.GE3.value: _l(
        "Gender equality is the initiative's main aim: it exists to change the situation of girls, or of "
        "another group held back because of gender."
    ),
}


@dataclass(frozen=True)
class ValidatedCode:
    code: GECode
    phase: Phase
    validated_at: datetime


def validated_review(project: Project) -> ValidatedCode | None:
    """The code of the newest review in force that found an assessment 'Satisfactory' (any phase), or
    None before the first one (one query)."""
    row = db.session.execute(
        select(AssessmentReview.ge_code, Assessment.phase, AssessmentReview.created_at)
        .join(Assessment, Assessment.id == AssessmentReview.assessment_id)
        .where(
            Assessment.project_id == project.id,
            AssessmentReview.verdict == Verdict.SATISFACTORY,
            current_review(),
        )
        .order_by(AssessmentReview.created_at.desc(), AssessmentReview.id.desc())
        .limit(1)
    ).first()
    return ValidatedCode(code=row[0], phase=row[1], validated_at=row[2]) if row else None
