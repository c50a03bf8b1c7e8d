"""`flask seed-demo` consults children on the initiatives under way, through the real domain: the
completed ones and those in completion review have every answer back, some active ones still wait."""

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.projects.models import Project, Stage
from app.voice.models import Consultation
from tests.conftest import delete_all_rows


@pytest.fixture(scope="module")
def seeded(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    yield result
    with app.app_context():
        delete_all_rows()


def consultations_by_stage(app) -> dict[Stage, list[Consultation]]:
    with app.app_context():
        rows = db.session.execute(select(Project.stage, Consultation).join(Consultation.project)).all()
        found: dict[Stage, list[Consultation]] = {}
        for stage, consultation in rows:
            db.session.expunge(consultation)
            found.setdefault(stage, []).append(consultation)
        return found


def test_initiatives_under_way_have_consultations_and_answers_back(app, seeded):
    found = consultations_by_stage(app)
    for stage in (Stage.COMPLETED, Stage.COMPLETION_REVIEW):
        assert found[stage] and all(c.answered for c in found[stage]), stage
    assert any(c.answered for c in found[Stage.ACTIVE]) and any(not c.answered for c in found[Stage.ACTIVE])
    everyone = [c for group in found.values() for c in group]
    assert {c.language for c in everyone} >= {"fr", "es", "en"}
    assert all(c.participants_total >= 1 and c.consent_confirmed for c in everyone)
    assert all(c.answered_on >= c.held_on for c in everyone if c.answered)


def test_check_gates_still_finds_nothing_wrong(runner, seeded):
    result = runner.invoke(args=["check-gates"])
    assert result.exit_code == 0, result.output


def test_seeding_twice_adds_no_consultation(app, runner, seeded):
    with app.app_context():
        before = db.session.scalars(select(Consultation.id).order_by(Consultation.id)).all()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        assert db.session.scalars(select(Consultation.id).order_by(Consultation.id)).all() == before
