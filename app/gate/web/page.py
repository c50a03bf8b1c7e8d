"""What the review page shows, gathered in a fixed number of queries."""

from dataclasses import dataclass, field, replace

from app.accounts.models import User
from app.gate import assessments, reviewing, workflow
from app.gate.models import Assessment, Phase
from app.gate.questions import PHASE_NAMES, QUESTIONS
from app.gate.web.forms import DecisionForm, decision_form
from app.projects.models import Project
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


@dataclass
class Decision:
    """One move the reviewer may make, its form, and the requirements not met yet."""

    move: workflow.Move
    label: str
    form: DecisionForm
    unmet: list[str]
    refused: list[str] = field(default_factory=list)  # the rules of a refusal just now


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


def decisions(
    project: Project,
    user: User,
    submitted: str | None = None,
    note: str = "",
    refused: list[str] | None = None,
    note_errors: list[str] | None = None,
) -> list[Decision]:
    """One decision per move open to `user`, each listing the unmet rules of its gate (the note aside).

    `submitted` is the target of the decision just refused: its form keeps `note` and shows `refused`.
    """
    result = []
    for move in workflow.moves_for(project, user):
        is_submitted = move.target.value == submitted
        form = decision_form(
            move, project.version, note if is_submitted else "", note_errors if is_submitted else None
        )
        result.append(
            Decision(
                move=move,
                label=move_label(project.stage, move.target),
                form=form,
                unmet=workflow.unmet_rules(project, replace(move, note_required=False)),
                refused=list(refused or []) if is_submitted else [],
            )
        )
    return result
