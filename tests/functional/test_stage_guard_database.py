"""PostgreSQL itself refuses a stage change that has no stage event of its own in the same transaction
(migration 0009_gate_guard): a raw SQL UPDATE cannot pass a gate, even outside the application."""

import os

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from app.core.extensions import db
from app.gate.integrity import gate_violations
from app.projects.models import Project, Stage
from tests.support.projects import advance, load, new_project, world_records

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="the stage guard is a PostgreSQL trigger"
)

MOVE_EVENT = (
    "INSERT INTO project_events (project_id, actor_id, created_at, from_stage, to_stage, note) "
    "VALUES (:project, NULL, now() AT TIME ZONE 'UTC', :source, :target, '')"
)
SET_STAGE = "UPDATE projects SET stage = :target WHERE id = :project"


@pytest.fixture
def people(make_user, make_org):
    return world_records(make_user, make_org)


def submitted_project(people) -> int:
    project = new_project(people.org.id, people.owner.id)
    advance(project, Stage.SUBMITTED, load(people.owner.id), load(people.reviewer.id))
    return project.id


def write_event(project_id: int, source: str, target: str) -> None:
    db.session.execute(text(MOVE_EVENT), {"project": project_id, "source": source, "target": target})


def set_stage(project_id: int, target: str) -> None:
    db.session.execute(text(SET_STAGE), {"target": target, "project": project_id})


def stage_of(project_id: int) -> Stage:
    return db.session.scalar(select(Project.stage).where(Project.id == project_id))


def test_a_raw_update_of_the_stage_is_refused(app, people):
    with app.app_context():
        project_id = submitted_project(people)
        db.session.commit()
        with pytest.raises(IntegrityError, match="without its stage event"):
            with db.session.begin_nested():
                set_stage(project_id, "incubating")
        assert stage_of(project_id) == Stage.SUBMITTED


def test_an_event_for_another_move_or_project_does_not_open_the_gate(app, people):
    with app.app_context():
        project_id = submitted_project(people)
        other_id = submitted_project(people)
        db.session.commit()
        with pytest.raises(IntegrityError, match="without its stage event"):
            with db.session.begin_nested():
                write_event(other_id, "submitted", "incubating")
                write_event(project_id, "submitted", "rejected")
                set_stage(project_id, "incubating")
        assert stage_of(project_id) == Stage.SUBMITTED


def test_one_event_allows_one_change_only(app, people):
    """The event's note is used up: moving back and forth again needs events of its own."""
    with app.app_context():
        project_id = submitted_project(people)
        db.session.commit()
        with pytest.raises(IntegrityError, match="without its stage event"):
            with db.session.begin_nested():
                write_event(project_id, "submitted", "rejected")
                set_stage(project_id, "rejected")
                write_event(project_id, "rejected", "submitted")
                set_stage(project_id, "submitted")
                set_stage(project_id, "rejected")
        assert stage_of(project_id) == Stage.SUBMITTED


def test_an_event_undone_with_its_savepoint_does_not_count(app, people):
    """The note lives only as long as the transaction (or savepoint) that wrote the event."""
    with app.app_context():
        project_id = submitted_project(people)
        db.session.commit()
        savepoint = db.session.begin_nested()
        write_event(project_id, "submitted", "rejected")
        savepoint.rollback()
        with pytest.raises(IntegrityError, match="without its stage event"):
            with db.session.begin_nested():
                set_stage(project_id, "rejected")
        assert stage_of(project_id) == Stage.SUBMITTED


def test_a_script_that_writes_the_event_first_moves_the_stage(app, people):
    """What the trigger asks is what the application does: the event, then the stage, in one transaction
    (the gate's own rules are still `flask check-gates`' to report)."""
    with app.app_context():
        project_id = submitted_project(people)
        db.session.commit()
        write_event(project_id, "submitted", "rejected")
        set_stage(project_id, "rejected")
        assert stage_of(project_id) == Stage.REJECTED


def test_the_application_path_passes_the_trigger(app, people):
    with app.app_context():
        project_id = submitted_project(people)
        project = db.session.get(Project, project_id)
        advance(project, Stage.COMPLETED, load(people.owner.id), load(people.reviewer.id))
        db.session.commit()
        assert stage_of(project_id) == Stage.COMPLETED
        assert not [line for line in gate_violations() if f"project {project_id} " in line]


@pytest.mark.committed
def test_an_event_committed_earlier_does_not_count(app, people):
    with app.app_context():
        project_id = submitted_project(people)
        write_event(project_id, "submitted", "rejected")
        db.session.commit()
    with app.app_context():
        with pytest.raises(IntegrityError, match="without its stage event"):
            set_stage(project_id, "rejected")
        db.session.rollback()
        assert stage_of(project_id) == Stage.SUBMITTED
