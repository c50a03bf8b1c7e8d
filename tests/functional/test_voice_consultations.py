"""Consultations with children (DESIGN.md, "Children's voice"): who records them and when, what is
refused (no consent, bad counts, a date in the future, words that name a child), the answer back, and
the gate into completion review that waits for every answer back, on every path through transition()."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.core.errors import NotPermitted
from app.core.extensions import db
from app.gate import integrity, workflow
from app.gate.unmet import CONSULTATION_NOT_ANSWERED
from app.gate.workflow import GateBlocked
from app.projects.models import Stage
from app.voice import consultations
from app.voice.consultations import ConsultationInvalid, ConsultationsClosed
from app.voice.models import Consultation
from tests.support.projects import advance, fill, force_stage, load, new_project
from tests.support.voice import ANSWER, answer, consultation_body, record


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def project_at(world, stage: Stage):
    project = new_project(world.org.id, world.owner.id)
    return advance(project, stage, load(world.owner.id), load(world.reviewer.id))


def invalid(project, partner, **changes) -> dict:
    with pytest.raises(ConsultationInvalid) as refused:
        record(project, partner, **changes)
    return refused.value.errors


def test_a_partner_records_a_consultation(ctx, world):
    project = project_at(world, Stage.INCUBATING)
    consultation = record(project, load(world.member.id))
    stored = db.session.get(Consultation, consultation.id)
    assert stored.project_id == project.id and stored.organisation_id == world.org.id
    assert stored.recorded_by_id == world.member.id
    assert stored.participants == {"girls_0_5": 0, "girls_6_11": 12, "girls_12_17": 9,
                                   "boys_0_5": 0, "boys_6_11": 0, "boys_12_17": 7}
    assert stored.participants_total == 28
    assert stored.consent_confirmed is True and stored.answered is False
    assert consultations.consultations_of(project) == [stored]
    assert consultations.unanswered(project) == [stored]


@pytest.mark.parametrize("role", ["outsider_partner", "community", "reviewer", "admin"])
def test_only_the_organisations_partners_record_one(ctx, world, role):
    project = project_at(world, Stage.ACTIVE)
    with pytest.raises(NotPermitted):
        record(project, load(getattr(world, role).id))
    assert consultations.consultations_of(project) == []


@pytest.mark.parametrize("stage", [Stage.COMPLETION_REVIEW, Stage.COMPLETED, Stage.WITHDRAWN])
def test_no_new_consultation_from_completion_review_on(ctx, world, stage):
    project = project_at(world, stage)
    with pytest.raises(ConsultationsClosed):
        record(project, load(world.owner.id))


def test_consent_is_required(ctx, world):
    project = project_at(world, Stage.DRAFT)
    for refused in (False, None, "yes", 1):
        errors = invalid(project, load(world.owner.id), consent_confirmed=refused)
        assert "guardians gave their consent" in errors["consent_confirmed"]


@pytest.mark.parametrize(("participants", "field", "message"), [
    ({"girls_6_11": -3}, "girls_6_11", "cannot be negative"),
    ({"boys_0_5": 10_001}, "boys_0_5", "At most 10,000 children"),
    ({"girls_12_17": "many"}, "girls_12_17", "whole number"),
    ({"girls_12_17": 2.5}, "girls_12_17", "whole number"),
    ({"girls_12_17": True}, "girls_12_17", "whole number"),
    ({}, "participants", "at least one child"),
    ({"girls_6_11": 0, "boys_6_11": 0}, "participants", "at least one child"),
    ({"girls_6_11": 4, "adults": 2}, "participants", "only by these groups"),
])
def test_absurd_counts_are_refused(ctx, world, participants, field, message):
    project = project_at(world, Stage.DRAFT)
    errors = invalid(project, load(world.owner.id), participants=participants)
    assert message in errors[field]


def test_dates_lists_and_words_are_checked(ctx, world):
    project = project_at(world, Stage.DRAFT)
    owner = load(world.owner.id)
    tomorrow = date.today() + timedelta(days=2)
    assert "future" in invalid(project, owner, held_on=tomorrow)["held_on"]
    assert "YYYY-MM-DD" in invalid(project, owner, held_on="last Tuesday")["held_on"]
    assert "before 2000" in invalid(project, owner, held_on=date(1999, 12, 31))["held_on"]
    assert "from the list" in invalid(project, owner, setting="12 rue des Écoles, Dakar")["setting"]
    assert "from the list" in invalid(project, owner, method="shouting")["method"]
    assert "without names" in invalid(project, owner, summary="   ")["summary"]
    assert "too long" in invalid(project, owner, summary="x" * 5_001)["summary"]


@pytest.mark.parametrize("summary", [
    "Aminata, 12 years old, said the latrines are not safe.",
    "Une fille de 12 ans a dit que la route est dangereuse.",
    "Call her mother on +221 77 123 45 67 for the details.",
])
def test_words_that_may_identify_a_child_are_refused_with_the_screens_advice(ctx, world, summary):
    project = project_at(world, Stage.DRAFT)
    errors = invalid(project, load(world.owner.id), summary=summary)
    assert "may let someone identify or contact a child" in errors["summary"]
    assert consultations.consultations_of(project) == []


def test_the_answer_back_is_recorded_with_its_date_and_author(ctx, world):
    project = project_at(world, Stage.ACTIVE)
    consultation = record(project, load(world.owner.id))
    answer(consultation, load(world.member.id), answered_on=date.today() - timedelta(days=1))
    assert consultation.answer_back == ANSWER and consultation.answered_by_id == world.member.id
    assert consultation.answered_on == date.today() - timedelta(days=1) and consultation.answered_at is not None
    assert consultations.unanswered(project) == []
    answer(consultation, load(world.owner.id), "Corrected: sessions start at 16:30.")
    assert consultation.answer_back == "Corrected: sessions start at 16:30."
    assert consultation.answered_on == date.today()


@pytest.mark.parametrize("role", ["outsider_partner", "community", "reviewer", "admin"])
def test_others_cannot_answer_back(ctx, world, role):
    project = project_at(world, Stage.ACTIVE)
    consultation = record(project, load(world.owner.id))
    with pytest.raises(NotPermitted):
        answer(consultation, load(getattr(world, role).id))
    assert consultation.answer_back is None


def test_a_bad_answer_back_is_refused(ctx, world):
    project = project_at(world, Stage.ACTIVE)
    consultation = record(project, load(world.owner.id), held_on=date.today() - timedelta(days=5))
    owner = load(world.owner.id)
    with pytest.raises(ConsultationInvalid) as refused:
        answer(consultation, owner, "  ")
    assert "what was done" in refused.value.errors["answer_back"]
    with pytest.raises(ConsultationInvalid) as refused:
        answer(consultation, owner, "We told Moussa, 9 ans, and his family.")
    assert "identify or contact a child" in refused.value.errors["answer_back"]
    with pytest.raises(ConsultationInvalid) as refused:
        answer(consultation, owner, answered_on=date.today() - timedelta(days=6))
    assert "before the consultation" in refused.value.errors["answered_on"]
    assert consultation.answer_back is None


def test_a_partner_changes_a_consultation(ctx, world):
    project = project_at(world, Stage.ACTIVE)
    owner = load(world.owner.id)
    consultation = record(project, owner)
    body = consultation_body(method="drawing", participants={"boys_0_5": 5})
    consultations.edit_consultation(consultation, project, load(world.member.id), **body)
    assert consultation.method == "drawing" and consultation.participants_total == 5
    with pytest.raises(NotPermitted):
        consultations.edit_consultation(consultation, project, load(world.outsider_partner.id), **body)


# The gate into completion review ---------------------------------------------------------------------


def test_completion_review_waits_for_every_answer_back(ctx, world):
    project = project_at(world, Stage.ACTIVE)
    owner = load(world.owner.id)
    first = record(project, owner, held_on=date.today() - timedelta(days=30))
    second = record(project, owner)
    answer(first, owner)
    fill(project, workflow.Phase.RESULTS, owner)
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.COMPLETION_REVIEW, owner)
    assert [rule.key for rule in refused.value.rules] == [CONSULTATION_NOT_ANSWERED]
    assert "has no answer back yet" in refused.value.rules[0]
    assert project.stage == Stage.ACTIVE
    answer(second, owner)
    workflow.transition(project, Stage.COMPLETION_REVIEW, owner)
    assert project.stage == Stage.COMPLETION_REVIEW


def test_the_rule_adds_to_the_assessments_rules(ctx, world):
    project = project_at(world, Stage.ACTIVE)
    owner = load(world.owner.id)
    record(project, owner)
    with pytest.raises(GateBlocked) as refused:
        workflow.transition(project, Stage.COMPLETION_REVIEW, owner)
    keys = [rule.key for rule in refused.value.rules]
    assert CONSULTATION_NOT_ANSWERED in keys and len(keys) > 1


def test_check_gates_finds_a_project_past_the_gate_without_an_answer_back(ctx, world):
    project = project_at(world, Stage.ACTIVE)
    owner = load(world.owner.id)
    consultation = record(project, owner)
    answer(consultation, owner)
    advance(project, Stage.COMPLETED, owner, load(world.reviewer.id))
    assert integrity.project_violations(project) == []
    db.session.execute(
        Consultation.__table__.update().where(Consultation.id == consultation.id)
        .values(answer_back=None, answered_on=None, answered_at=None, answered_by_id=None)
    )
    db.session.expire_all()
    found = integrity.project_violations(project)
    assert found == [f"consultation {consultation.id} (held on {consultation.held_on.isoformat()}) has no answer back"]


def test_check_gates_finds_a_forced_stage_past_an_unanswered_consultation(ctx, world):
    project = project_at(world, Stage.ACTIVE)
    owner = load(world.owner.id)
    fill(project, workflow.Phase.RESULTS, owner)
    consultation = record(project, owner)
    force_stage(project.id, "completion_review")
    db.session.expire_all()
    assert any("has no answer back" in line for line in integrity.gate_violations())
    assert db.session.scalar(select(Consultation.id).where(Consultation.id == consultation.id))
