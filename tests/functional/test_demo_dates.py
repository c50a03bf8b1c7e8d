"""The demo's timelines are believable: the initiatives began over the last two years and each step of
their story happened at its own moment, after the one before; the needs and pledges came after the
initiative reached its stage. Rows are written with their dates, none rewritten."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.core.columns import clock_at, utcnow
from app.core.extensions import db
from app.projects.models import Project, ProjectEvent
from app.resources.models import Need, Pledge, PledgeEvent
from tests.conftest import delete_all_rows

TWO_YEARS = timedelta(days=731)


@pytest.fixture(scope="module")
def seeded(app):
    """The demo, seeded once for this module and committed; the tables are emptied afterwards."""
    started = datetime.now(UTC)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    yield started
    with app.app_context():
        delete_all_rows()


def test_the_initiatives_began_over_the_last_two_years(app, seeded):
    with app.app_context():
        created = list(db.session.scalars(select(Project.created_at)))
    assert len(created) >= 40
    assert all(seeded - TWO_YEARS < moment < seeded for moment in created)
    assert max(created) - min(created) > timedelta(days=365)
    assert len({moment.date() for moment in created}) >= 0.9 * len(created)  # nearly all on days of their own


def test_each_step_of_a_story_happened_after_the_one_before(app, seeded):
    with app.app_context():
        projects = {p.id: p.created_at for p in db.session.scalars(select(Project))}
        events = list(db.session.scalars(select(ProjectEvent).order_by(ProjectEvent.project_id, ProjectEvent.id)))
    assert events
    moments: dict[int, list[datetime]] = {}
    for event in events:
        moments.setdefault(event.project_id, []).append(event.created_at)
    for project_id, times in moments.items():
        assert projects[project_id] <= times[0], project_id
        assert all(earlier < later for earlier, later in zip(times, times[1:], strict=False)), project_id
        assert times[-1] < seeded
    assert len({event.created_at for event in events}) >= 0.95 * len(events)  # not all in the same second


def test_needs_and_pledges_came_after_the_initiative_reached_its_stage(app, seeded):
    with app.app_context():
        needs = list(db.session.scalars(select(Need)))
        assert needs
        for need in needs:
            reached = db.session.scalar(
                select(ProjectEvent.created_at).where(ProjectEvent.project_id == need.project_id)
                .order_by(ProjectEvent.id.desc()).limit(1)
            )
            assert reached < need.created_at < seeded, need.title
        pledges = list(db.session.scalars(select(Pledge)))
        assert pledges
        for pledge in pledges:
            assert pledge.need.created_at < pledge.created_at < seeded
            moves = list(db.session.scalars(
                select(PledgeEvent.created_at).where(PledgeEvent.pledge_id == pledge.id).order_by(PledgeEvent.id)
            ))
            assert all(pledge.created_at <= moment < seeded for moment in moves)
            assert moves == sorted(moves)


def test_the_clock_can_be_set_for_a_block_only():
    moment = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)
    with clock_at(moment):
        assert utcnow() == moment
    assert utcnow() - datetime.now(UTC) < timedelta(seconds=5)
    with pytest.raises(ValueError, match="naive"), clock_at(datetime(2025, 3, 4)):  # noqa: DTZ001
        pass
