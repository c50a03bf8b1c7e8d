"""Two reviewers deciding on the same project at the same moment: exactly one wins."""

import pytest
from sqlalchemy import func, select

from app.core.errors import ChangedMeanwhile
from app.core.extensions import db
from app.gate import assessments, workflow
from app.gate.integrity import gate_violations
from app.gate.models import Phase
from app.projects.models import Project, ProjectEvent, Stage
from tests.support.projects import advance, fill, load, new_project, review
from tests.support.threads import run_at_once

pytestmark = pytest.mark.committed


def test_two_reviewers_deciding_at_once_make_one_event(app, make_user, make_org):
    owner = make_user(name="Owner")
    first = make_user(name="First Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    second = make_user(name="Second Reviewer", role="reviewer", regions=("sub_saharan_africa",))
    org = make_org(country="SN", members=[(owner, "owner")])
    with app.app_context():
        project = new_project(org.id, owner.id)
        advance(project, Stage.SUBMITTED, load(owner.id), load(first.id))
        review(project, Phase.DESIGN, load(first.id))
        db.session.commit()
        project_id = project.id
        events_before = len(project.events)

    def decide(reviewer_id: int, target: Stage, note: str):
        def act(barrier):
            mine = db.session.get(Project, project_id)
            actor = load(reviewer_id)
            workflow.assessments.latest(mine, Phase.DESIGN)  # read everything the gate needs
            barrier.wait()
            workflow.transition(mine, target, actor, note=note)
            return target

        return act

    outcomes = run_at_once(app, [
        decide(first.id, Stage.INCUBATING, ""),
        decide(second.id, Stage.CHANGES_REQUESTED, "Please add the budget."),
    ])

    winners = [o for o in outcomes if isinstance(o, Stage)]
    losers = [o for o in outcomes if isinstance(o, ChangedMeanwhile)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "changed meanwhile" in losers[0].message
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert project.stage == winners[0]
        count = db.session.scalar(select(func.count()).where(ProjectEvent.project_id == project_id))
        assert count == events_before + 1


def test_saving_the_assessment_while_it_is_submitted_never_leaves_a_gap(app, make_user, make_org):
    """The save and the submission are serialised on the project's row: the submitted version is the
    newest, complete one, whichever comes first."""
    owner = make_user(name="Owner")
    member = make_user(name="Member")
    org = make_org(country="SN", members=[(owner, "owner"), (member, "member")])
    with app.app_context():
        project = new_project(org.id, owner.id)
        fill(project, Phase.DESIGN, load(owner.id))
        db.session.commit()
        project_id = project.id

    def submit(barrier):
        mine = db.session.get(Project, project_id)
        barrier.wait()
        workflow.transition(mine, Stage.SUBMITTED, load(owner.id))
        return "ok"

    def save(barrier):
        mine = db.session.get(Project, project_id)
        barrier.wait()
        assessments.save_assessment(mine, Phase.DESIGN, load(member.id), {"gender_analysis": ""}, None, None)
        return "ok"

    submitted, saved = run_at_once(app, [submit, save])
    outcomes = {
        "submit": "conflict" if isinstance(submitted, (ChangedMeanwhile, workflow.GateBlocked)) else submitted,
        "save": "refused" if isinstance(saved, (ChangedMeanwhile, assessments.AssessmentLocked)) else saved,
    }
    assert set(outcomes.values()) <= {"ok", "conflict", "refused"}, outcomes
    with app.app_context():
        project = db.session.get(Project, project_id)
        latest = assessments.latest(project, Phase.DESIGN)
        if project.stage == Stage.SUBMITTED:
            assert latest.submitted_at is not None and assessments.problems(latest, Phase.DESIGN) == []
        else:  # the save came first and emptied an answer: the submission was refused at the gate or lost the race
            assert outcomes["save"] == "ok"
        assert gate_violations() == []
