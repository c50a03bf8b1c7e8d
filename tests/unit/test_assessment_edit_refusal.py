"""assessments.edit_refusal: why a phase cannot be changed now (what the assessment page shows)."""

import pytest

from app.core.errors import NotPermitted
from app.gate import assessments
from app.gate.assessments import AssessmentLocked
from app.gate.models import Phase
from app.projects.models import Stage
from tests.support.projects import advance, load, new_project

UNDER_REVIEW = "This assessment is under review and cannot be changed."
WRONG_STAGE = "cannot be changed at this stage."


@pytest.mark.parametrize(
    ("stage", "phase", "expected"),
    [
        (Stage.DRAFT, Phase.DESIGN, None),
        (Stage.CHANGES_REQUESTED, Phase.DESIGN, None),
        (Stage.SUBMITTED, Phase.DESIGN, UNDER_REVIEW),
        (Stage.INCUBATING, Phase.DESIGN, WRONG_STAGE),  # validated: frozen
        (Stage.INCUBATING, Phase.IMPLEMENTATION, None),
        (Stage.LAUNCH_REVIEW, Phase.IMPLEMENTATION, UNDER_REVIEW),
        (Stage.DRAFT, Phase.RESULTS, WRONG_STAGE),
        (Stage.COMPLETION_REVIEW, Phase.RESULTS, UNDER_REVIEW),
    ],
)
def test_a_partner_is_told_why_a_phase_is_locked(app, world, stage, phase, expected):
    with app.app_context():
        owner, reviewer = load(world.owner.id), load(world.reviewer.id)
        project = advance(new_project(world.org.id, world.owner.id), stage, owner, reviewer)
        refusal = assessments.edit_refusal(project, phase, owner)
        if expected is None:
            assert refusal is None
        else:
            assert isinstance(refusal, AssessmentLocked) and expected in refusal.message
            with pytest.raises(AssessmentLocked):
                assessments.save_assessment(project, phase, owner, {}, None, None)


@pytest.mark.parametrize("role", ["community", "reviewer", "admin", "outsider_partner"])
def test_only_partners_may_change_an_assessment(app, world, role):
    with app.app_context():
        project = new_project(world.org.id, world.owner.id)
        refusal = assessments.edit_refusal(project, Phase.DESIGN, load(getattr(world, role).id))
        assert isinstance(refusal, NotPermitted)
