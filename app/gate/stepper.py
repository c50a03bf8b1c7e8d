"""The stage stepper of the initiative page: the main path from draft to completed, where the
initiative stands on it, and what the next gate asks. Everything is read from the transition table
(app.gate.workflow.TRANSITIONS) and its gate objects, so the stepper cannot drift from the rules."""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.gate import settings, workflow
from app.gate.questions import PHASE_NAMES
from app.projects.models import Project, Stage


@dataclass(frozen=True)
class Step:
    stage: Stage  # the stage the step stands for on the main path
    state: str  # "done", "current" or "todo"
    shown: Stage  # the stage named: the project's own when it stands here off the path (changes requested)


@dataclass(frozen=True)
class Stepper:
    steps: list[Step]
    next_stage: Stage | None = None
    asks: list[str] = field(default_factory=list)  # what the next gate asks, in plain words


def forward_move(stage: Stage) -> workflow.Move | None:
    """The move that carries `stage` on along the main path: the one with a gate."""
    return next((m for m in workflow.TRANSITIONS if stage in m.sources and m.gate is not workflow.no_gate), None)


def main_path() -> list[Stage]:
    """Draft, then each gated move's target in turn: draft → submitted → … → completed."""
    path = [Stage.DRAFT]
    while (move := forward_move(path[-1])) is not None and move.target not in path:
        path.append(move.target)
    return path


def position(project: Project, path: list[Stage]) -> int | None:
    """Where the project stands on `path`: its stage, or the step its forward move leaves from
    (changes requested stands at draft), or, once stopped (not selected, withdrawn), where it stopped."""
    stage = project.stage
    if stage in path:
        return path.index(stage)
    move = forward_move(stage)
    if move is not None:
        return path.index(move.target) - 1
    before = [event.from_stage for event in project.events if event.to_stage == stage and event.from_stage]
    if before and before[-1] != stage:
        earlier = before[-1]
        if earlier in path:
            return path.index(earlier)
        move = forward_move(earlier)
        return path.index(move.target) - 1 if move is not None else None
    return None


def gate_asks(move: workflow.Move) -> list[str]:
    """The next gate in plain words, from its gate object, and who takes the step."""
    asks = []
    for gate in workflow.gates_of(move.gate):
        if isinstance(gate, workflow.AssessmentComplete):
            asks.append(_("The %(assessment)s is complete: every required question answered.",
                          assessment=PHASE_NAMES[gate.phase]))
        elif isinstance(gate, workflow.AssessmentValidated):
            asks.append(_("A reviewer validates the %(assessment)s as 'Satisfactory'.",
                          assessment=PHASE_NAMES[gate.phase]))
            if gate.minimum_for is not None:
                minimum = settings.min_ge_code(gate.minimum_for.value)
                asks.append(_("The reviewer's gender-equality code is at least %(code)s.", code=minimum.value))
        elif isinstance(gate, workflow.ConsultationsAnsweredBack):
            asks.append(_("Every consultation with children has its answer back to the children."))
    if move.actor == workflow.PARTNER:
        asks.append(_("Then the organisation submits it."))
    elif move.actor == workflow.REVIEWER:
        asks.append(_("Then a reviewer decides."))
    return asks


def for_project(project: Project) -> Stepper:
    path = main_path()
    here = position(project, path)
    steps = []
    for index, stage in enumerate(path):
        if here is None or index > here:
            state = "todo"
        elif index < here or project.stage == Stage.COMPLETED:
            state = "done"
        else:
            state = "current"
        steps.append(Step(stage=stage, state=state, shown=project.stage if state == "current" else stage))
    move = forward_move(project.stage)
    if move is None:
        return Stepper(steps=steps)
    return Stepper(steps=steps, next_stage=move.target, asks=gate_asks(move))
