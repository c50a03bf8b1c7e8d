"""`flask check-gates`: no project may stand past a gate it has not met."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core.extensions import db
from app.gate import assessments
from app.gate.models import Phase, Verdict
from app.gate.workflow import find_move
from app.projects.models import Project, Stage

PAST_SUBMISSION = frozenset(
    {Stage.SUBMITTED, Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE, Stage.COMPLETION_REVIEW, Stage.COMPLETED}
)
PAST_INCUBATION = PAST_SUBMISSION - {Stage.SUBMITTED}
PAST_LAUNCH_REQUEST = PAST_INCUBATION - {Stage.INCUBATING}
PAST_LAUNCH = PAST_LAUNCH_REQUEST - {Stage.LAUNCH_REVIEW}
PAST_COMPLETION_REQUEST = PAST_LAUNCH - {Stage.ACTIVE}

# stage set -> (phase, what must hold)
REQUIREMENTS = (
    (PAST_SUBMISSION, Phase.DESIGN, "complete"),
    (PAST_INCUBATION, Phase.DESIGN, "satisfactory"),
    (PAST_LAUNCH_REQUEST, Phase.IMPLEMENTATION, "complete"),
    (PAST_LAUNCH, Phase.IMPLEMENTATION, "satisfactory"),
    (PAST_COMPLETION_REQUEST, Phase.RESULTS, "complete"),
    (frozenset({Stage.COMPLETED}), Phase.RESULTS, "satisfactory"),
)


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
        series = versions.get(phase, [])
        if need == "complete" and not any(not assessments.problems(v, phase) for v in series):
            found.append(f"no complete {phase.value} assessment")
        if need == "satisfactory" and not any(
            v.review is not None and v.review.verdict == Verdict.SATISFACTORY for v in series
        ):
            found.append(f"no {phase.value} assessment reviewed as satisfactory")
    return found


def gate_violations() -> list[str]:
    """One line per project that stands past an unmet gate or has a broken history."""
    lines = []
    projects = db.session.scalars(select(Project).options(selectinload(Project.events)).order_by(Project.id))
    for project in projects:
        for problem in project_violations(project):
            lines.append(f"project {project.id} ({project.stage.value}): {problem}")
    return lines
