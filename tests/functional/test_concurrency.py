"""Two reviewers deciding on the same project at the same moment: exactly one wins."""

import threading

import pytest
from sqlalchemy import func, select

from app.core.errors import ChangedMeanwhile
from app.core.extensions import db
from app.gate import workflow
from app.gate.models import Phase
from app.projects.models import Project, ProjectEvent, Stage
from tests.support.projects import advance, load, new_project, review

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

    barrier = threading.Barrier(2, timeout=20)
    outcomes = {}

    def decide(reviewer_id: int, target: Stage, note: str) -> None:
        with app.app_context():
            try:
                mine = db.session.get(Project, project_id)
                actor = load(reviewer_id)
                workflow.assessments.latest(mine, Phase.DESIGN)  # read everything the gate needs
                barrier.wait()
                workflow.transition(mine, target, actor, note=note)
                db.session.commit()
                outcomes[reviewer_id] = target
            except ChangedMeanwhile as refused:
                db.session.rollback()
                outcomes[reviewer_id] = refused
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=decide, args=(first.id, Stage.INCUBATING, "")),
        threading.Thread(target=decide, args=(second.id, Stage.CHANGES_REQUESTED, "Please add the budget.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [o for o in outcomes.values() if isinstance(o, Stage)]
    losers = [o for o in outcomes.values() if isinstance(o, ChangedMeanwhile)]
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
    from app.gate import assessments
    from app.gate.integrity import gate_violations
    from tests.support.projects import fill

    owner = make_user(name="Owner")
    member = make_user(name="Member")
    org = make_org(country="SN", members=[(owner, "owner"), (member, "member")])
    with app.app_context():
        project = new_project(org.id, owner.id)
        fill(project, Phase.DESIGN, load(owner.id))
        db.session.commit()
        project_id = project.id

    barrier = threading.Barrier(2, timeout=20)
    outcomes = {}

    def submit():
        with app.app_context():
            try:
                mine = db.session.get(Project, project_id)
                barrier.wait()
                workflow.transition(mine, Stage.SUBMITTED, load(owner.id))
                db.session.commit()
                outcomes["submit"] = "ok"
            except (ChangedMeanwhile, workflow.GateBlocked):
                db.session.rollback()
                outcomes["submit"] = "conflict"
            finally:
                db.session.remove()

    def save():
        with app.app_context():
            try:
                mine = db.session.get(Project, project_id)
                barrier.wait()
                assessments.save_assessment(mine, Phase.DESIGN, load(member.id), {"gender_analysis": ""}, None, None)
                db.session.commit()
                outcomes["save"] = "ok"
            except (ChangedMeanwhile, assessments.AssessmentLocked):
                db.session.rollback()
                outcomes["save"] = "refused"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit), threading.Thread(target=save)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert set(outcomes) == {"submit", "save"}, outcomes
    with app.app_context():
        project = db.session.get(Project, project_id)
        latest = assessments.latest(project, Phase.DESIGN)
        if project.stage == Stage.SUBMITTED:
            assert latest.submitted_at is not None and assessments.problems(latest, Phase.DESIGN) == []
        else:  # the save came first and emptied an answer: the submission was refused at the gate or lost the race
            assert outcomes["save"] == "ok"
        assert gate_violations() == []
