"""`flask check-gates`: no project may stand past a gate it has not met, and nobody decided on a
project they had a conflict of interest with."""

from sqlalchemy import literal, select
from sqlalchemy.orm import selectinload

from app import permissions
from app.core.extensions import db
from app.gate import assessments
from app.gate.models import Verdict
from app.gate.workflow import PARTNER, TRANSITIONS, Move, call_of, find_move, gates_of, no_gate
from app.projects.models import Project, Stage
from app.voice import consultations


def stages_past(move: Move) -> frozenset[Stage]:
    """Where a project stands once it has made `move`: the move's target and every stage its forward
    path reaches. Moves that need a note (sending back, rejecting, withdrawing, reopening) leave the
    path, so they do not count."""
    forward = [m for m in TRANSITIONS if not m.note_required]
    reached, frontier = {move.target}, [move.target]
    while frontier:
        stage = frontier.pop()
        for step in forward:
            if stage in step.sources and step.target not in reached:
                reached.add(step.target)
                frontier.append(step.target)
    return frozenset(reached)


# (stages past a gate, the assessment phase it is about, what it asks: "complete" or "satisfactory"
# of that assessment, or the requirement of a part about no assessment: "within_call_deadline",
# "answered_back" (every consultation), "results_recorded"), read from the stage table itself: one line
# per part of each gate.
REQUIREMENTS = tuple(
    (stages_past(move), gate.phase, gate.requirement)
    for move in TRANSITIONS
    if move.gate is not no_gate
    for gate in gates_of(move.gate)
)
# The parts about no assessment, by requirement: the audit asks them again as they are.
OTHER_PARTS = {
    part.requirement: part
    for move in TRANSITIONS
    if move.gate is not no_gate
    for part in gates_of(move.gate)
    if part.phase is None
}


def project_violations(project: Project) -> list[str]:
    """What is wrong with one project: its event trail, and each gate its stage stands past."""
    found = []
    previous = None
    for event in project.events:
        if previous is None:
            if event.from_stage is not None or event.to_stage != Stage.DRAFT:
                found.append("its history does not start with its creation in draft")
        elif event.from_stage != previous or find_move(event.from_stage, event.to_stage) is None:
            found.append(
                f"event {event.id} moves from {event.from_stage} to {event.to_stage}, "
                "which the stage table does not allow"
            )
        previous = event.to_stage
    if previous != project.stage:
        found.append(f"its stage ({project.stage.value}) does not match its last recorded event")
    versions = {}
    for version in assessments.all_versions(project):
        versions.setdefault(version.phase, []).append(version)
    for stages, phase, need in REQUIREMENTS:
        if project.stage not in stages:
            continue
        if need == "answered_back":
            found += [f"consultation {c.id} (held on {c.held_on.isoformat()}) has no answer back"
                      for c in consultations.unanswered(project)]
            continue
        if need == "within_call_deadline":
            found += late_submissions(project)
            continue
        if phase is None:
            found += [f"{need}: {rule.key}" for rule in OTHER_PARTS[need](project)]
            continue
        series = versions.get(phase, [])
        if need == "complete" and not any(not assessments.problems(v, phase) for v in series):
            found.append(f"no complete {phase.value} assessment")
        if need == "satisfactory" and not any(
            v.review is not None and v.review.verdict == Verdict.SATISFACTORY for v in series
        ):
            found.append(f"no {phase.value} assessment reviewed as satisfactory")
    found += conflicted_decisions(project, versions)
    return found


def late_submissions(project: Project) -> list[str]:
    """The submissions of an initiative that answers a call made while the call took no proposals."""
    call = call_of(project)
    if call is None:
        return []
    return [
        f"event {event.id} submitted it at {event.created_at:%Y-%m-%d %H:%M}, while the call {call.id} "
        "took no proposals"
        for event in project.events
        if event.to_stage == Stage.SUBMITTED
        and not call.ideas_close_at <= event.created_at < call.proposals_close_at
    ]


def had_conflict(user_id: int | None, project: Project, when) -> bool:
    """Whether the user had a conflict of interest with `project` at `when` (permissions.conflict_of_interest)."""
    if user_id is None:
        return False
    condition = permissions.conflict_of_interest(
        user_id, project.id, project.organisation_id, project.created_by_id, as_of=when
    )
    return db.session.scalar(select(literal(True)).where(condition)) is not None


def conflicted_decisions(project: Project, versions: dict) -> list[str]:
    """The decisions on `project` (reviewers' and admins' stage changes, validations of its
    assessments) made by someone who had a conflict of interest with it at the time."""
    found = []
    for event in project.events:
        move = find_move(event.from_stage, event.to_stage) if event.from_stage is not None else None
        if move is not None and move.actor != PARTNER and had_conflict(event.actor_id, project, event.created_at):
            found.append(
                f"event {event.id} ({event.from_stage.value} to {event.to_stage.value}) was decided by user "
                f"{event.actor_id}, who had a conflict of interest with it"
            )
    for series in versions.values():
        for version in series:
            for review in version.reviews:
                if had_conflict(review.reviewer_id, project, review.created_at):
                    found.append(
                        f"the review {review.id} of its {version.phase.value} assessment (version "
                        f"{version.version}) was made by user {review.reviewer_id}, who had a conflict of "
                        "interest with it"
                    )
    return found


def gate_violations() -> list[str]:
    """One line per project that stands past an unmet gate or has a broken history."""
    lines = []
    projects = db.session.scalars(select(Project).options(selectinload(Project.events)).order_by(Project.id))
    for project in projects:
        for problem in project_violations(project):
            lines.append(f"project {project.id} ({project.stage.value}): {problem}")
    return lines
