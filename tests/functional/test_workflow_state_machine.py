"""Property-based: random sequences of actions by random people — filling and reviewing assessments,
recording consultations with children and their answers back, asking for every stage change — never
leave a project past a gate it has not met, never lose or rewrite an event, and a refused action changes
nothing."""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import Phase as HypothesisPhase
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from app.core.errors import DomainError
from app.core.extensions import db
from app.gate import assessments, workflow
from app.gate.integrity import project_violations
from app.gate.models import GECode, Phase, Verdict
from app.projects.models import Project, ProjectEvent, Stage
from app.results import indicators
from app.voice import consultations
from tests.support.projects import (
    full_answers,
    load,
    measurement_day,
    new_project,
    record_results,
    world_records,
)
from tests.support.voice import ANSWER, consultation_body

ROLES = ("owner", "member", "community", "reviewer", "far_reviewer", "conflicted", "admin", "outsider_partner")
JUSTIFICATION = "Gender equality is a deliberate objective here."
HAPPY_PATH = {  # stage -> (phase, stage to ask for, the reviewer's decision)
    Stage.DRAFT: (Phase.DESIGN, Stage.SUBMITTED, Stage.INCUBATING),
    Stage.CHANGES_REQUESTED: (Phase.DESIGN, Stage.SUBMITTED, Stage.INCUBATING),
    Stage.SUBMITTED: (Phase.DESIGN, Stage.SUBMITTED, Stage.INCUBATING),
    Stage.INCUBATING: (Phase.IMPLEMENTATION, Stage.LAUNCH_REVIEW, Stage.ACTIVE),
    Stage.LAUNCH_REVIEW: (Phase.IMPLEMENTATION, Stage.LAUNCH_REVIEW, Stage.ACTIVE),
    Stage.ACTIVE: (Phase.RESULTS, Stage.COMPLETION_REVIEW, Stage.COMPLETED),
    Stage.COMPLETION_REVIEW: (Phase.RESULTS, Stage.COMPLETION_REVIEW, Stage.COMPLETED),
}
# Where the machine records consultations and answers back: from incubation to completion review (where
# recording is refused).
VOICE_STAGES = frozenset({Stage.INCUBATING, Stage.ACTIVE})  # the right people consult on the way
RANDOM_VOICE_STAGES = frozenset({Stage.ACTIVE, Stage.COMPLETION_REVIEW})  # anyone tries, refused or not
NOTES = st.sampled_from(["", "   ", "Please add the budget details and the consent forms."])


def answers_for(phase: Phase, kind: str) -> dict:
    answers = full_answers(phase)
    if kind == "missing":
        answers.pop(next(iter(answers)))
    elif kind == "short":
        answers[next(iter(answers))] = "Too short."
    return answers


@pytest.fixture
def people(make_user, make_org):
    return world_records(make_user, make_org)


def test_random_actions_never_break_a_gate_or_lose_an_event(app, people):
    reached = run_machine(app, people)
    assert {Stage.SUBMITTED, Stage.INCUBATING, Stage.ACTIVE} <= reached, f"the walks stayed shallow: {reached}"
    assert {"consulted", "answered"} <= reached, "no walk recorded a consultation and its answer back"


def test_the_machine_catches_a_completion_review_without_every_answer_back(app, people, monkeypatch):
    """The same machine against a gate that forgets the consultations finds a walk into completion
    review while a consultation waits for its answer back."""
    monkeypatch.setattr(workflow.ConsultationsAnsweredBack, "__call__", lambda self, project: [])
    with pytest.raises(AssertionError):
        run_machine(app, people, shrink=False, answer_on_the_way=False)


def test_the_machine_catches_a_gate_that_lets_a_project_through(app, people, monkeypatch):
    """The same machine against a broken gate (a reviewer's decision to incubate no longer needs a
    satisfactory review) finds a sequence that breaks the rule."""
    checked = workflow.unmet_rules

    def broken(project, move, note=""):
        return [] if move.target == Stage.INCUBATING else checked(project, move, note)

    monkeypatch.setattr(workflow, "unmet_rules", broken)
    with pytest.raises(AssertionError):
        run_machine(app, people, shrink=False, examples=150)


def run_machine(app, people, shrink: bool = True, answer_on_the_way: bool = True,
                examples: int = 25) -> set:
    """Run the state machine; answers the stages the walks reached (and "consulted", "answered" when a
    walk recorded a consultation, an answer back). `answer_on_the_way`: the owner, doing the next step
    right, answers back every consultation before asking for the completion review."""
    reached: set = set()

    class ProjectLife(RuleBasedStateMachine):
        @initialize()
        def create(self):
            self.project = new_project(people.org.id, people.owner.id, title="Random walk")
            db.session.flush()
            self.events = [(e.id, e.from_stage, e.to_stage) for e in self.project.events]
            self.moves = 0

        def actor(self, role):
            return load(getattr(people, role).id)

        def attempt(self, action) -> bool:
            """Run one action as the views do: all of it, or (refused) nothing."""
            savepoint = db.session.begin_nested()
            try:
                action()
                savepoint.commit()
                return True
            except DomainError:
                savepoint.rollback()
                db.session.expire_all()
                return False

        @rule(role=st.sampled_from(ROLES), phase=st.sampled_from(list(Phase)),
              kind=st.sampled_from(["full", "full", "missing", "short"]),
              code=st.sampled_from([c.value for c in GECode]))
        def fill(self, role, phase, kind, code):
            actor = self.actor(role)
            self.attempt(lambda: assessments.save_assessment(self.project, phase, actor, answers_for(phase, kind),
                                                             code, "Why this code fits the initiative."))

        @rule(role=st.sampled_from(ROLES), phase=st.sampled_from(list(Phase)),
              verdict=st.sampled_from([v.value for v in Verdict]), code=st.sampled_from([c.value for c in GECode]))
        def review(self, role, phase, verdict, code):
            actor = self.actor(role)
            self.attempt(lambda: assessments.review_assessment(self.project, phase, actor, verdict, code,
                                                               "Reviewed with the gender-equality guidance."))

        @precondition(lambda self: self.project.stage in RANDOM_VOICE_STAGES)
        @rule(data=st.data(), role=st.sampled_from(ROLES), what=st.sampled_from(["consult", "answer back"]))
        def childrens_voice(self, data, role, what):
            """A consultation with children (with or without consent, with a count that may be wrong), or the
            answer back to one still waiting, by anyone (the organisation's partners only succeed). Only once
            the initiative is under way, so that the walks through the first gates stay as likely."""
            actor, waiting = self.actor(role), consultations.unanswered(self.project)
            if what == "answer back" and waiting:
                consultation = data.draw(st.sampled_from(waiting))
                text = data.draw(st.sampled_from([ANSWER, "  "]))
                if self.attempt(lambda: consultations.record_answer_back(consultation, actor, answer_back=text)):
                    reached.add("answered")
            elif what == "consult":
                body = consultation_body(consent_confirmed=data.draw(st.sampled_from([True, True, False])),
                                         participants={"girls_6_11": data.draw(st.sampled_from([7, 7, 0, -2]))})
                if self.attempt(lambda: consultations.record_consultation(self.project, actor, **body)):
                    reached.add("consulted")
        @rule(role=st.sampled_from(ROLES), by_sex=st.booleans(), measured=st.booleans())
        def record_results(self, role, by_sex, measured):
            """An indicator (by sex or not), measured or not, asked for by anyone at any stage."""
            actor = self.actor(role)

            def add():
                indicator = indicators.add_indicator(self.project, actor, name="Girls and boys in school",
                                                     unit="children", baseline=10, target=100, by_sex=by_sex)
                if measured:
                    values = {"total": 50, "girls": 30, "boys": 20} if by_sex else {"total": 50}
                    indicators.add_measurement(indicator, actor, measured_on=measurement_day(self.project),
                                               values=values, source="School register")

            self.attempt(add)

        @rule(data=st.data(), role=st.sampled_from(ROLES), note=NOTES)
        def move_onward(self, data, role, note):
            """A stage change the stage table allows from here, asked for by anyone."""
            targets = [m.target for m in workflow.TRANSITIONS if self.project.stage in m.sources]
            if targets:  # none from completed
                self.move(role, data.draw(st.sampled_from(targets)), note)

        @rule(role=st.sampled_from(ROLES), stage=st.sampled_from(list(Stage)), note=NOTES)
        def move(self, role, stage, note):
            actor = self.actor(role)
            before = (self.project.stage, self.project.version)
            if self.attempt(lambda: workflow.transition(self.project, stage, actor, note=note)):
                self.moves += 1
                assert self.project.stage == stage
            else:
                assert (self.project.stage, self.project.version) == before, "a refused move changed the project"

        @rule()
        def the_right_people_do_the_next_step(self):
            """Keeps the walk going deep: fill, submit, review well and approve, as the gate asks."""
            if self.project.stage not in HAPPY_PATH:
                return
            phase, review_stage, approved = HAPPY_PATH[self.project.stage]
            owner, reviewer = self.actor("owner"), self.actor("reviewer")
            if self.project.stage == Stage.ACTIVE:
                self.record_results("owner", by_sex=True, measured=True)
            if self.project.stage != review_stage:
                if self.project.stage in VOICE_STAGES:  # the children are consulted as the initiative goes on
                    if self.attempt(lambda: consultations.record_consultation(self.project, owner,
                                                                             **consultation_body())):
                        reached.add("consulted")
                self.attempt(lambda: assessments.save_assessment(self.project, phase, owner,
                                                                 answers_for(phase, "full"), "GE-2", JUSTIFICATION))
                if answer_on_the_way:
                    for waiting in consultations.unanswered(self.project):
                        if self.attempt(lambda c=waiting: consultations.record_answer_back(c, owner,
                                                                                          answer_back=ANSWER)):
                            reached.add("answered")
                self.move("owner", review_stage, "")
            else:
                self.attempt(lambda: assessments.review_assessment(self.project, phase, reviewer, "satisfactory",
                                                                   "GE-2", "Reviewed with care."))
                self.move("reviewer", approved, "")

        @invariant()
        def gates_hold_and_history_is_whole(self):
            project = db.session.get(Project, self.project.id)
            db.session.refresh(project)
            assert project_violations(project) == []
            events = list(db.session.execute(
                select(ProjectEvent.id, ProjectEvent.from_stage, ProjectEvent.to_stage)
                .where(ProjectEvent.project_id == project.id).order_by(ProjectEvent.id)
            ).tuples())
            assert events[: len(self.events)] == self.events, "an event was lost or rewritten"
            assert len(events) == self.moves + 1, "one event per stage change, plus the creation"
            assert events[-1][2] == project.stage
            self.events = events
            reached.add(project.stage)

    phases = list(HypothesisPhase) if shrink else [HypothesisPhase.generate]
    with app.test_request_context():
        run_state_machine_as_test(
            ProjectLife,
            settings=settings(max_examples=examples, stateful_step_count=30, deadline=None, derandomize=True,
                              phases=phases, database=None,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]),
        )
    return reached


def test_the_walk_reaches_every_stage_when_people_do_the_right_thing(app, people):
    """The machine above is only worth something if its actions can succeed: the same actions in the
    right order take a project from draft to completed (a guard against a machine that only refuses)."""
    with app.test_request_context():
        walk(people)


def walk(people):
    project = new_project(people.org.id, people.owner.id)
    owner, reviewer = load(people.owner.id), load(people.reviewer.id)
    for phase, review_stage, done in (
        (Phase.DESIGN, Stage.SUBMITTED, Stage.INCUBATING),
        (Phase.IMPLEMENTATION, Stage.LAUNCH_REVIEW, Stage.ACTIVE),
        (Phase.RESULTS, Stage.COMPLETION_REVIEW, Stage.COMPLETED),
    ):
        consultation = consultations.record_consultation(project, owner, **consultation_body())
        consultations.record_answer_back(consultation, owner, answer_back=ANSWER)
        assessments.save_assessment(project, phase, owner, answers_for(phase, "full"), "GE-2", JUSTIFICATION)
        workflow.transition(project, review_stage, owner)
        assessments.review_assessment(project, phase, reviewer, "satisfactory", "GE-2", "Clear.")
        workflow.transition(project, done, reviewer)
        if done == Stage.ACTIVE:
            record_results(project, owner)
    assert project.stage == Stage.COMPLETED and project_violations(project) == []
