"""What the review page shows, gathered in a fixed number of queries."""

from dataclasses import dataclass, field, replace

from app.accounts.models import User
from app.gate import assessments, reviewing, settings, stepper, workflow
from app.gate.models import Assessment, GECode, Phase
from app.gate.questions import PHASE_NAMES, QUESTIONS
from app.gate.web.forms import DecisionForm, decision_form
from app.projects.models import Project, Stage
from app.projects.web.labels import move_label


@dataclass
class AssessmentPanel:
    """One phase's version to read: the one awaiting review, or the latest one."""

    phase: Phase
    current: Assessment
    previous: Assessment | None
    changes: dict[str, str]
    awaiting_review: bool

    @property
    def name(self):
        return PHASE_NAMES[self.phase]

    @property
    def questions(self):
        return QUESTIONS[self.phase]


DANGER_TARGETS = frozenset({Stage.REJECTED, Stage.WITHDRAWN})


@dataclass
class Decision:
    """One move the reviewer may make and the requirements of its gate not met yet."""

    move: workflow.Move
    label: str
    unmet: list[str]
    refused: list[str] = field(default_factory=list)  # the rules of a refusal just now

    @property
    def available(self) -> bool:
        """Whether the move's gate is met now (its note aside: the one note box serves every decision)."""
        return not self.unmet

    @property
    def danger(self) -> bool:
        return self.move.target in DANGER_TARGETS

    @property
    def key(self) -> str:
        return self.move.target.value


@dataclass
class DecisionPanel:
    """Every decision open to the reviewer, each available or not with what is missing, and one form
    with one note box for all of them (each decision is a button of that form)."""

    decisions: list[Decision]
    form: DecisionForm
    note_required_for: list[str]  # the labels of the decisions that need the note

    def __bool__(self) -> bool:
        return bool(self.decisions)


@dataclass(frozen=True)
class MinimumCode:
    """The lowest reviewer's gender-equality code that lets the initiative move on to `stage`."""

    stage: Stage
    code: GECode


def minimum_code(project: Project) -> MinimumCode | None:
    """Read from the gate of the move that carries the project on from its review stage (the same gate
    object transition() checks): None when that gate sets no minimum code (completion)."""
    move = stepper.forward_move(project.stage)
    gate = move.gate if move is not None else None
    if isinstance(gate, workflow.AssessmentValidated) and gate.minimum_for is not None:
        return MinimumCode(stage=gate.minimum_for, code=settings.min_ge_code(gate.minimum_for.value))
    return None


def review_phase(project: Project) -> Phase | None:
    """The phase whose review stage the project is in, if any."""
    return next((phase for phase, stage in assessments.REVIEW_STAGE.items() if stage == project.stage), None)


def assessment_panels(project: Project) -> list[AssessmentPanel]:
    """In a review stage, the phase under review; otherwise the latest version of every phase."""
    grouped = reviewing.versions_by_phase(project)
    phase = review_phase(project)
    phases = [phase] if phase is not None else [p for p in Phase if p in grouped]
    panels = []
    for p in phases:
        versions = grouped.get(p, [])
        if not versions:
            continue
        current = versions[-1]
        previous = versions[-2] if len(versions) > 1 else None
        panels.append(
            AssessmentPanel(
                phase=p,
                current=current,
                previous=previous,
                changes=reviewing.answer_changes(p, current, previous),
                awaiting_review=phase is not None and assessments.is_under_review(current),
            )
        )
    return panels


def decision_panel(
    project: Project,
    user: User,
    submitted: str | None = None,
    note: str = "",
    refused: list[str] | None = None,
    note_errors: list[str] | None = None,
) -> DecisionPanel:
    """One decision per move open to `user`, each listing the unmet rules of its gate (the note aside),
    and the one form they share.

    `submitted` is the target of the decision just refused: it shows `refused`, and the form keeps `note`.
    """
    result = []
    for move in workflow.moves_for(project, user):
        result.append(
            Decision(
                move=move,
                label=move_label(project.stage, move.target),
                unmet=workflow.unmet_rules(project, replace(move, note_required=False)),
                refused=list(refused or []) if move.target.value == submitted else [],
            )
        )
    return DecisionPanel(
        decisions=result,
        form=decision_form(project.version, note, note_errors),
        note_required_for=[d.label for d in result if d.move.note_required],
    )
