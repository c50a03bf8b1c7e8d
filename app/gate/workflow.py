"""The stage machine: the transition table of DESIGN.md and the one `transition()` every path calls.

`transition()` checks, in this order: the version the actor saw, that the move
exists, the actor's right, then the gate. It answers with the new event, or
raises a refusal carrying the list of unmet rules.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import format_date, format_datetime, lazy_pgettext
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from app import permissions
from app.accounts.models import User
from app.community import notifications
from app.core.columns import utcnow
from app.core.conflicts import flush_or_changed_meanwhile
from app.core.errors import ChangedMeanwhile, DomainError, FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.text import COMMENT_MAX, is_blank, text_problem
from app.gate import assessments, settings
from app.gate import unmet as rules
from app.gate.guards import allow_stage_change
from app.gate.models import Phase, Verdict
from app.gate.questions import PHASE_NAMES
from app.gate.unmet import Unmet
from app.ideas.models import Call, CallStatus, ProjectOrigin
from app.projects.locking import lock_project
from app.projects.models import REVIEW_STAGES, TERMINAL_STAGES, Project, ProjectEvent, Stage
from app.resources import needs as need_service
from app.results.gate_rules import ResultsRecorded
from app.voice import consultations

# A stage qualifies an initiative, feminine in French and Spanish (« Soumise », « Enviada »): the
# "stage" context keeps these apart from the same English words said of other things.
STAGE_NAMES = {
    Stage.DRAFT: lazy_pgettext("stage", "Draft"),
    Stage.SUBMITTED: lazy_pgettext("stage", "Submitted for review"),
    Stage.CHANGES_REQUESTED: lazy_pgettext("stage", "Changes requested"),
    Stage.INCUBATING: lazy_pgettext("stage", "Incubating"),
    Stage.LAUNCH_REVIEW: lazy_pgettext("stage", "Launch review"),
    Stage.ACTIVE: lazy_pgettext("stage", "Active"),
    Stage.COMPLETION_REVIEW: lazy_pgettext("stage", "Completion review"),
    Stage.COMPLETED: lazy_pgettext("stage", "Completed"),
    Stage.REJECTED: lazy_pgettext("stage", "Not selected"),
    Stage.WITHDRAWN: lazy_pgettext("stage", "Withdrawn"),
}

PARTNER, REVIEWER, ADMIN = "partner", "reviewer", "admin"


class InvalidTransition(DomainError):
    """No such move from the project's current stage."""


NOTE_MAX = COMMENT_MAX


class NoteInvalid(FieldsInvalid):
    """The decision's note breaks the text rules (app.core.text); `errors` has it under "note"."""


class GateBlocked(DomainError):
    """The gate is not met; `rules` lists each unmet rule."""

    def __init__(self, rules: list[Unmet]):
        super().__init__(_("The requirements to move on are not met."))
        self.rules = rules


# Gates: each returns the unmet rules for `project` (empty when met).


# Each gate also says what it asks of the phase's assessment (`requirement`), so that the
# check-gates audit (app.gate.integrity) reads its rules from TRANSITIONS instead of a copy.


@dataclass(frozen=True)
class AssessmentComplete:
    """The phase's latest assessment is complete and not sent back as 'Needs work'."""

    phase: Phase
    requirement = "complete"

    def __call__(self, project: Project) -> list[Unmet]:
        current = assessments.latest(project, self.phase)
        unmet = assessments.problems(current, self.phase)
        if current is not None and current.review is not None and current.review.verdict == Verdict.NEEDS_WORK:
            unmet.append(Unmet(
                _(
                    "The %(assessment)s was reviewed as 'Needs work': change it before submitting again.",
                    assessment=PHASE_NAMES[self.phase],
                ),
                rules.NEEDS_WORK,
            ))
        return unmet


@dataclass(frozen=True)
class AssessmentValidated:
    """The phase's latest assessment is reviewed 'Satisfactory', with the reviewer's GE code at least
    the minimum the admins set for `minimum_for` (when there is one)."""

    phase: Phase
    minimum_for: Stage | None
    requirement = "satisfactory"

    def __call__(self, project: Project) -> list[Unmet]:
        name = PHASE_NAMES[self.phase]
        current = assessments.latest(project, self.phase)
        if current is None or current.review is None:
            return [Unmet(_("The %(assessment)s has not been reviewed yet.", assessment=name), rules.NOT_REVIEWED)]
        review = current.review
        unmet = []
        if review.verdict != Verdict.SATISFACTORY:
            unmet.append(Unmet(_("The review of the %(assessment)s is 'Needs work', not 'Satisfactory'.",
                                 assessment=name), rules.NOT_SATISFACTORY))
        if self.minimum_for is not None:
            minimum = settings.min_ge_code(self.minimum_for.value)
            if review.ge_code.level < minimum.level:
                unmet.append(Unmet(
                    _(
                        "The reviewer's gender-equality code (%(code)s) is below the minimum for "
                        "'%(stage)s' (%(minimum)s).",
                        code=review.ge_code.value,
                        stage=STAGE_NAMES[self.minimum_for],
                        minimum=minimum.value,
                    ),
                    rules.GE_CODE_BELOW_MINIMUM,
                ))
        return unmet


@dataclass(frozen=True)
class WithinCallDeadline:
    """An initiative that answers a call (app.ideas) is submitted only while the call is
    `open_for_proposals`; one that answers no call always meets this rule."""

    phase = None
    requirement = "within_call_deadline"

    def __call__(self, project: Project) -> list[Unmet]:
        call = call_of(project)
        if call is None:
            return []
        status = call.status
        if status == CallStatus.OPEN_FOR_PROPOSALS:
            return []
        if status == CallStatus.CLOSED:
            message = _("The call “%(call)s” stopped taking proposals on %(date)s.", call=call.title,
                        date=format_datetime(call.proposals_close_at, "medium"))
        else:
            message = _("The call “%(call)s” takes proposals from %(date)s.", call=call.title,
                        date=format_datetime(call.ideas_close_at, "medium"))
        return [Unmet(message, rules.CALL_NOT_OPEN_FOR_PROPOSALS)]
class ConsultationsAnsweredBack:
    """Every consultation held with children on the initiative has its answer back (DESIGN.md,
    "Children's voice"): one unmet rule per consultation still waiting for it."""

    phase = None
    requirement = "answered_back"

    def __call__(self, project: Project) -> list[Unmet]:
        return [
            Unmet(
                _(
                    "The consultation with children held on %(date)s has no answer back yet: record what was "
                    "done with the children's views.",
                    date=format_date(consultation.held_on),
                ),
                rules.CONSULTATION_NOT_ANSWERED,
            )
            for consultation in consultations.unanswered(project)
        ]


@dataclass(frozen=True)
class AllOf:
    """Several gates on one move: every rule each of them finds unmet."""

    gates: tuple[Callable[[Project], list[Unmet]], ...]

    def __call__(self, project: Project) -> list[Unmet]:
        return [rule for gate in self.gates for rule in gate(project)]


def gates_of(gate) -> tuple:
    """The single gates a move's gate is made of (itself when it is one)."""
    return gate.gates if isinstance(gate, AllOf) else (gate,)


def call_of(project: Project) -> Call | None:
    """The call the initiative answers (app.ideas.models.ProjectOrigin), or None."""
    if project.id is None:
        return None
    origin = db.session.get(ProjectOrigin, project.id)
    return origin.call if origin is not None and origin.call_id is not None else None


def no_gate(project: Project) -> list[Unmet]:
    return []


@dataclass(frozen=True)
class Move:
    sources: frozenset[Stage]
    target: Stage
    actor: str
    gate: Callable[[Project], list[Unmet]] = no_gate
    note_required: bool = False
    phase: Phase | None = None  # the assessment this move is about (recorded in the event)


def _from(*stages: Stage) -> frozenset[Stage]:
    return frozenset(stages)


TRANSITIONS: tuple[Move, ...] = (
    Move(_from(Stage.DRAFT, Stage.CHANGES_REQUESTED), Stage.SUBMITTED, PARTNER,
         AllOf((AssessmentComplete(Phase.DESIGN), WithinCallDeadline())), phase=Phase.DESIGN),
    Move(_from(Stage.SUBMITTED), Stage.INCUBATING, REVIEWER,
         AssessmentValidated(Phase.DESIGN, Stage.INCUBATING), phase=Phase.DESIGN),
    Move(_from(Stage.SUBMITTED), Stage.CHANGES_REQUESTED, REVIEWER, note_required=True, phase=Phase.DESIGN),
    Move(_from(Stage.SUBMITTED), Stage.REJECTED, REVIEWER, note_required=True, phase=Phase.DESIGN),
    Move(_from(Stage.INCUBATING), Stage.LAUNCH_REVIEW, PARTNER,
         AssessmentComplete(Phase.IMPLEMENTATION), phase=Phase.IMPLEMENTATION),
    Move(_from(Stage.LAUNCH_REVIEW), Stage.ACTIVE, REVIEWER,
         AssessmentValidated(Phase.IMPLEMENTATION, Stage.ACTIVE), phase=Phase.IMPLEMENTATION),
    Move(_from(Stage.LAUNCH_REVIEW), Stage.INCUBATING, REVIEWER, note_required=True, phase=Phase.IMPLEMENTATION),
    Move(_from(Stage.ACTIVE), Stage.COMPLETION_REVIEW, PARTNER,
         AllOf((AssessmentComplete(Phase.RESULTS), ConsultationsAnsweredBack(), ResultsRecorded())),
         phase=Phase.RESULTS),
    Move(_from(Stage.COMPLETION_REVIEW), Stage.COMPLETED, REVIEWER,
         AssessmentValidated(Phase.RESULTS, None), phase=Phase.RESULTS),
    Move(_from(Stage.COMPLETION_REVIEW), Stage.ACTIVE, REVIEWER, note_required=True, phase=Phase.RESULTS),
    Move(frozenset(Stage) - TERMINAL_STAGES, Stage.WITHDRAWN, PARTNER, note_required=True),
    Move(_from(Stage.REJECTED, Stage.WITHDRAWN), Stage.DRAFT, ADMIN, note_required=True),
)


def find_move(source: Stage, target: Stage) -> Move | None:
    return next((m for m in TRANSITIONS if source in m.sources and m.target == target), None)


def actor_may(move: Move, actor: User | None, project: Project) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.active:
        return False
    if move.actor == PARTNER:
        return permissions.is_partner_of(actor, project.organisation)
    if move.actor == REVIEWER:
        return permissions.can_review_project(actor, project)
    return permissions.is_admin(actor) and not permissions.has_conflict_of_interest(actor, project)


def moves_for(project: Project, actor: User | None) -> list[Move]:
    """The moves `actor` could attempt now (gates not checked): for showing buttons."""
    return [m for m in TRANSITIONS if project.stage in m.sources and actor_may(m, actor, project)]


def unmet_rules(project: Project, move: Move, note: str = "") -> list[Unmet]:
    unmet = list(move.gate(project))
    if move.note_required and is_blank(note):
        unmet.append(Unmet(_("A note explaining this decision is required."), rules.NOTE_REQUIRED, "note"))
    return unmet


def transition(
    project: Project, target: Stage | str, actor: User | None, note: str = "", expected_version: int | None = None
) -> ProjectEvent:
    """Move `project` to `target` and record the event.

    Refuses with ChangedMeanwhile (the project changed since `expected_version`,
    or while this ran), InvalidTransition (no such move from the current stage), NoteInvalid (a
    note longer than NOTE_MAX or holding control characters),
    NotPermitted (the actor has no right to this move) or GateBlocked (the list of
    unmet rules). Nothing is written when it refuses. A move that succeeds also writes the
    notifications of the stage change (app.community.notifications).
    """
    if expected_version is not None and expected_version != project.version:
        raise ChangedMeanwhile(_("This project changed meanwhile. Reload the page and try again."))
    lock_project(project)
    try:
        target = Stage(target)
    except ValueError:
        raise InvalidTransition(_("'%(stage)s' is not a stage.", stage=target)) from None
    move = find_move(project.stage, target)
    if move is None:
        raise InvalidTransition(
            _(
                "A project cannot move from '%(source)s' to '%(target)s'.",
                source=STAGE_NAMES[project.stage],
                target=STAGE_NAMES[target],
            )
        )
    if not actor_may(move, actor, project):
        raise NotPermitted(_("You are not allowed to make this decision on this project."))
    if problem := text_problem(note, NOTE_MAX, multiline=True):
        raise NoteInvalid({"note": problem})
    unmet = unmet_rules(project, move, note)
    if unmet:
        raise GateBlocked(unmet)

    assessment = None
    if move.phase is not None:
        if target == assessments.REVIEW_STAGE[move.phase]:
            assessment = assessments.mark_submitted(project, move.phase)
        else:
            assessment = assessments.latest(project, move.phase)
    event = ProjectEvent(
        project=project,
        actor_id=actor.id,
        from_stage=project.stage,
        to_stage=target,
        note=(note or "").strip(),
        assessment_id=assessment.id if assessment else None,
        assessment_version=assessment.version if assessment else None,
    )
    db.session.add(event)
    # The event first: on PostgreSQL a trigger (migration 0009_gate_guard) refuses a stage change
    # that has no event of its own written earlier in the same transaction.
    flush_or_conflict()
    with allow_stage_change(project):
        project.stage = target
        project.stage_changed_at = utcnow()
        flush_or_conflict()
    if target in TERMINAL_STAGES:
        need_service.close_for_project(project, actor)
    notifications.stage_changed(project, event)
    if target in REVIEW_STAGES:
        notifications.review_waiting(project, event)
    return event


def flush_or_conflict() -> None:
    """Flush; a concurrent change of the same row becomes ChangedMeanwhile."""
    flush_or_changed_meanwhile(_("This project changed meanwhile. Reload the page and try again."), StaleDataError)


def record_creation(project: Project, actor: User) -> ProjectEvent:
    """The first event of every project: created in draft."""
    event = ProjectEvent(project=project, actor_id=actor.id, from_stage=None, to_stage=Stage.DRAFT)
    db.session.add(event)
    return event
