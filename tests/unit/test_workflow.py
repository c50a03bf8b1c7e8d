"""The stage machine of DESIGN.md, through the domain functions."""

import pytest
from sqlalchemy import insert, select, update

from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.gate import assessments, settings, workflow
from app.gate.guards import ProtectedWriteError
from app.gate.integrity import gate_violations
from app.gate.models import Assessment, Phase
from app.gate.workflow import GateBlocked, InvalidTransition
from app.projects.models import Project, ProjectEvent, Stage
from tests.support.projects import advance, fill, force_stage, load, new_project, review


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def people(world):
    return {name: load(getattr(world, name).id) for name in (
        "owner", "member", "outsider_partner", "community", "reviewer", "far_reviewer", "conflicted", "admin")}


# Who may make each move (the gate aside).
ALLOWED_ACTORS = {
    # a reviewer who belongs to the organisation acts as its partner
    workflow.PARTNER: {"owner", "member", "conflicted"},
    workflow.REVIEWER: {"reviewer", "admin"},
    workflow.ADMIN: {"admin"},
}
SETUP_STAGE = {  # a stage each move can start from
    Stage.DRAFT: Stage.DRAFT, Stage.CHANGES_REQUESTED: Stage.CHANGES_REQUESTED, Stage.SUBMITTED: Stage.SUBMITTED,
    Stage.INCUBATING: Stage.INCUBATING, Stage.LAUNCH_REVIEW: Stage.LAUNCH_REVIEW, Stage.ACTIVE: Stage.ACTIVE,
    Stage.COMPLETION_REVIEW: Stage.COMPLETION_REVIEW, Stage.REJECTED: Stage.REJECTED, Stage.WITHDRAWN: Stage.WITHDRAWN,
}
CASES = [
    (source, move.target, role)
    for move in workflow.TRANSITIONS
    for source in sorted(move.sources)
    for role in ("owner", "member", "outsider_partner", "community", "reviewer", "far_reviewer", "conflicted", "admin")
]


def prepared(world, source: Stage, p) -> Project:
    project = new_project(world.org.id, world.owner.id)
    advance(project, source, p["owner"], p["reviewer"])
    if source in (Stage.SUBMITTED, Stage.LAUNCH_REVIEW, Stage.COMPLETION_REVIEW):
        phase = {Stage.SUBMITTED: Phase.DESIGN, Stage.LAUNCH_REVIEW: Phase.IMPLEMENTATION,
                 Stage.COMPLETION_REVIEW: Phase.RESULTS}[source]
        review(project, phase, p["reviewer"])  # the gate of the reviewer's move is met
    elif source == Stage.INCUBATING:
        fill(project, Phase.IMPLEMENTATION, p["owner"])
    elif source == Stage.ACTIVE:
        fill(project, Phase.RESULTS, p["owner"])
    elif source in (Stage.DRAFT, Stage.CHANGES_REQUESTED):
        fill(project, Phase.DESIGN, p["owner"])
    return project


@pytest.mark.parametrize(("source", "target", "role"), CASES)
def test_each_move_is_open_to_its_role_only(ctx, world, source, target, role):
    p = people(world)
    project = prepared(world, source, p)
    assert project.stage == source
    move = workflow.find_move(source, target)
    events_before = len(project.events)
    if role in ALLOWED_ACTORS[move.actor]:
        workflow.transition(project, target, p[role], note="A note for the record.")
        assert project.stage == target
        assert len(project.events) == events_before + 1
        last = project.events[-1]
        assert (last.from_stage, last.to_stage, last.actor_id) == (source, target, p[role].id)
    else:
        with pytest.raises(NotPermitted):
            workflow.transition(project, target, p[role], note="A note for the record.")
        assert project.stage == source
        assert len(project.events) == events_before


def test_moves_outside_the_table_are_refused(ctx, world):
    p = people(world)
    project = new_project(world.org.id, world.owner.id)
    for target in (Stage.ACTIVE, Stage.COMPLETED, Stage.INCUBATING, Stage.DRAFT):
        with pytest.raises(InvalidTransition):
            workflow.transition(project, target, p["admin"], note="x")
    with pytest.raises(InvalidTransition):
        workflow.transition(project, "flying", p["owner"])
    assert project.stage == Stage.DRAFT


def test_submission_lists_each_missing_answer(ctx, world):
    p = people(world)
    project = new_project(world.org.id, world.owner.id)
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.SUBMITTED, p["owner"])
    assert refused.value.rules == ["The design assessment has not been started."]
    assessments.save_assessment(project, Phase.DESIGN, p["owner"], {"gender_analysis": "Too short."}, None, "")
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.SUBMITTED, p["owner"])
    rules = refused.value.rules
    too_short = "The answer to 'Gender analysis' in the design assessment is too short: write at least 50 characters."
    assert too_short in rules
    assert "The design assessment is missing an answer to 'Child participation'." in rules
    assert not any("Coordination" in r or "Transparency" in r for r in rules)  # optional questions
    assert "The design assessment needs a self-assessed gender-equality code." in rules
    assert project.stage == Stage.DRAFT
    assert assessments.progress(assessments.latest(project, Phase.DESIGN), Phase.DESIGN).required == 7


def test_decisions_that_need_a_note_refuse_without_one(ctx, world):
    p = people(world)
    project = advance(new_project(world.org.id, world.owner.id), Stage.SUBMITTED, p["owner"], p["reviewer"])
    for target in (Stage.CHANGES_REQUESTED, Stage.REJECTED):
        with pytest.raises(GateBlocked) as refused:
            workflow.transition(project, target, p["reviewer"], note="   ")
        assert refused.value.rules == ["A note explaining this decision is required."]
    with pytest.raises(GateBlocked):
        workflow.transition(project, Stage.WITHDRAWN, p["owner"])


def test_incubation_needs_a_satisfactory_review_at_the_minimum_code(ctx, world):
    p = people(world)
    project = advance(new_project(world.org.id, world.owner.id), Stage.SUBMITTED, p["owner"], p["reviewer"])
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.INCUBATING, p["reviewer"])
    assert refused.value.rules == ["The design assessment has not been reviewed yet."]
    review(project, Phase.DESIGN, p["reviewer"], verdict="satisfactory", ge_code="GE-0")
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.INCUBATING, p["admin"])  # an admin cannot pass the gate either
    assert refused.value.rules == [
        "The reviewer's gender-equality code (GE-0) is below the minimum for 'Incubating' (GE-1)."
    ]
    assert project.stage == Stage.SUBMITTED


def test_the_minimum_code_is_an_admin_setting(ctx, world):
    p = people(world)
    settings.set_setting("min_ge_incubating", "GE-3")
    project = advance(new_project(world.org.id, world.owner.id), Stage.SUBMITTED, p["owner"], p["reviewer"])
    review(project, Phase.DESIGN, p["reviewer"], ge_code="GE-2")
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.INCUBATING, p["reviewer"])
    assert "(GE-3)" in refused.value.rules[0]


def test_needs_work_blocks_resubmission_until_the_assessment_changes(ctx, world):
    p = people(world)
    project = advance(new_project(world.org.id, world.owner.id), Stage.SUBMITTED, p["owner"], p["reviewer"])
    review(project, Phase.DESIGN, p["reviewer"], verdict="needs_work")
    workflow.transition(project, Stage.CHANGES_REQUESTED, p["reviewer"], note="Add the girls' voices.")
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.SUBMITTED, p["owner"])
    assert any("Needs work" in rule for rule in refused.value.rules)
    fill(project, Phase.DESIGN, p["owner"])
    assert assessments.latest(project, Phase.DESIGN).version == 2
    workflow.transition(project, Stage.SUBMITTED, p["owner"])
    assert project.events[-1].assessment_version == 2


def test_a_reviewed_version_is_frozen_and_a_new_version_needs_a_new_review(ctx, world):
    p = people(world)
    project = advance(new_project(world.org.id, world.owner.id), Stage.SUBMITTED, p["owner"], p["reviewer"])
    with pytest.raises(assessments.AssessmentLocked):
        fill(project, Phase.DESIGN, p["owner"])  # under review: read-only
    review(project, Phase.DESIGN, p["reviewer"], verdict="needs_work")
    frozen = assessments.latest(project, Phase.DESIGN)
    frozen.answers = {"gender_analysis": "rewritten in place"}
    with pytest.raises(ProtectedWriteError):
        db.session.flush()
    db.session.rollback()


def test_editing_after_validation_makes_a_new_version_whose_review_counts(ctx, world):
    p = people(world)
    project = advance(new_project(world.org.id, world.owner.id), Stage.SUBMITTED, p["owner"], p["reviewer"])
    review(project, Phase.DESIGN, p["reviewer"], verdict="satisfactory")
    workflow.transition(project, Stage.CHANGES_REQUESTED, p["reviewer"], note="Please detail the budget.")
    fill(project, Phase.DESIGN, p["owner"])
    versions = [a for a in assessments.all_versions(project) if a.phase == Phase.DESIGN]
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].review is not None and versions[1].review is None
    workflow.transition(project, Stage.SUBMITTED, p["owner"])
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.INCUBATING, p["reviewer"])
    assert refused.value.rules == ["The design assessment has not been reviewed yet."]


def test_the_implementation_starts_from_the_validated_design(ctx, world):
    p = people(world)
    project = advance(new_project(world.org.id, world.owner.id), Stage.INCUBATING, p["owner"], p["reviewer"])
    impl = assessments.save_assessment(project, Phase.IMPLEMENTATION, p["owner"], {"indicators": ""}, None, None)
    design = assessments.validated_design(project)
    assert impl.answers["gender_analysis"] == design.answers["gender_analysis"]
    assert impl.ge_code == design.ge_code
    assert "indicators" not in impl.answers


def test_percentages_are_checked(ctx, world):
    p = people(world)
    project = advance(new_project(world.org.id, world.owner.id), Stage.INCUBATING, p["owner"], p["reviewer"])
    for bad in ("-1", "101", "abc", "nan"):
        with pytest.raises(assessments.AssessmentInvalid) as refused:
            assessments.save_assessment(project, Phase.IMPLEMENTATION, p["owner"],
                                        {"gender_budget_share": bad}, None, None)
        assert "gender_budget_share" in refused.value.errors
    saved = assessments.save_assessment(project, Phase.IMPLEMENTATION, p["owner"],
                                        {"gender_budget_share": "12,5"}, None, None)
    assert saved.answers["gender_budget_share"] == 12.5


def test_the_whole_life_of_a_project_leaves_one_event_per_step(ctx, world):
    p = people(world)
    project = advance(new_project(world.org.id, world.owner.id), Stage.COMPLETED, p["owner"], p["reviewer"])
    stages = [(e.from_stage, e.to_stage) for e in project.events]
    assert stages == [
        (None, Stage.DRAFT), (Stage.DRAFT, Stage.SUBMITTED), (Stage.SUBMITTED, Stage.INCUBATING),
        (Stage.INCUBATING, Stage.LAUNCH_REVIEW), (Stage.LAUNCH_REVIEW, Stage.ACTIVE),
        (Stage.ACTIVE, Stage.COMPLETION_REVIEW), (Stage.COMPLETION_REVIEW, Stage.COMPLETED),
    ]
    assert gate_violations() == []


def test_a_stale_version_is_refused_and_nothing_is_written(ctx, world):
    p = people(world)
    project = new_project(world.org.id, world.owner.id)
    fill(project, Phase.DESIGN, p["owner"])
    seen = project.version
    project.title = "A newer title"
    db.session.flush()
    with pytest.raises(ChangedMeanwhile):
        workflow.transition(project, Stage.SUBMITTED, p["owner"], expected_version=seen)
    assert project.stage == Stage.DRAFT
    assert len(project.events) == 1


def test_only_transition_may_write_the_stage(ctx, world):
    project = new_project(world.org.id, world.owner.id)
    db.session.commit()
    project_id = project.id
    project.stage = Stage.ACTIVE
    with pytest.raises(ProtectedWriteError):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(ProtectedWriteError):
        db.session.execute(update(Project).where(Project.id == project_id).values(stage=Stage.ACTIVE))
    with pytest.raises(ProtectedWriteError):
        db.session.add(Project(organisation_id=world.org.id, title="t", summary="s", country_code="SN",
                               stage=Stage.COMPLETED))
        db.session.flush()
    db.session.rollback()
    with pytest.raises(ProtectedWriteError):
        db.session.execute(insert(Project).values(
            organisation_id=world.org.id, title="t", summary="s", country_code="SN", stage=Stage.COMPLETED,
            version=1, description="", description_html="", language="en", target_groups=[]))
    db.session.rollback()


def test_events_are_append_only(ctx, world):
    project = new_project(world.org.id, world.owner.id)
    db.session.commit()
    event = db.session.scalars(select(ProjectEvent).where(ProjectEvent.project_id == project.id)).one()
    event.note = "rewritten history"
    with pytest.raises(ProtectedWriteError):
        db.session.flush()
    db.session.rollback()
    event = db.session.scalars(select(ProjectEvent)).first()
    db.session.delete(event)
    with pytest.raises(ProtectedWriteError):
        db.session.flush()
    db.session.rollback()


def test_check_gates_finds_a_project_forced_past_its_gate(ctx, world):
    p = people(world)
    honest = advance(new_project(world.org.id, world.owner.id), Stage.INCUBATING, p["owner"], p["reviewer"])
    forced = new_project(world.org.id, world.owner.id, title="Forced")
    db.session.flush()
    force_stage(forced.id, "active")
    db.session.expire_all()
    lines = gate_violations()
    assert lines, "the forced project must be reported"
    assert all(line.startswith(f"project {forced.id} ") for line in lines)
    assert any("no complete design assessment" in line for line in lines)
    assert any("does not match its last recorded event" in line for line in lines)
    assert honest.id != forced.id


def test_reviewers_never_review_their_own_organisation(ctx, world):
    p = people(world)
    project = advance(new_project(world.org.id, world.owner.id), Stage.SUBMITTED, p["owner"], p["reviewer"])
    with pytest.raises(NotPermitted):
        review(project, Phase.DESIGN, p["conflicted"])
    with pytest.raises(NotPermitted):
        review(project, Phase.DESIGN, p["far_reviewer"])
    assert db.session.scalars(select(Assessment)).first().review is None


def test_the_check_gates_command_exits_1_and_lists_a_forced_project(app, world, runner):
    with app.app_context():
        clean = runner.invoke(args=["check-gates"])
        assert clean.exit_code == 0, clean.output
        forced = new_project(world.org.id, world.owner.id, title="Forced")
        db.session.commit()
        force_stage(forced.id, "incubating")
        db.session.commit()
        forced_id = forced.id
    result = runner.invoke(args=["check-gates"])
    assert result.exit_code == 1
    assert f"project {forced_id} (incubating)" in result.output
    assert "no design assessment reviewed as satisfactory" in result.output
