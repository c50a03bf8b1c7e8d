"""Initiatives standing where their results are asked for, shared by the results tests of the web
face and of the API."""

from app.core.extensions import db
from app.gate import workflow
from app.gate.models import Phase
from app.projects.models import Stage
from tests.support.projects import advance, fill, load, new_project, record_results, review


def active_project(app, world, results: bool = False) -> int:
    """An active initiative with its results assessment filled in; with results or none."""
    with app.app_context():
        owner, reviewer = load(world.owner.id), load(world.reviewer.id)
        project = new_project(world.org.id, world.owner.id)
        advance(project, Stage.LAUNCH_REVIEW, owner, reviewer)
        review(project, Phase.IMPLEMENTATION, reviewer)
        workflow.transition(project, Stage.ACTIVE, reviewer)
        fill(project, Phase.RESULTS, owner)
        if results:
            record_results(project, owner)
        db.session.commit()
        return project.id
