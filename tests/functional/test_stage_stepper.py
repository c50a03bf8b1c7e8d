"""The stage stepper of the initiative page: an ordered list of the main path read from the
transition table, the current step marked, and what the next gate asks."""

import re

import pytest

from app.core.extensions import db
from app.gate import stepper, workflow
from app.projects.models import Project, Stage
from tests.support.projects import load
from tests.support.web import client_for, make_project, text

STEPPER = re.compile(r'<ol class="stepper">(.*?)</ol>', re.S)


def steps(html: str) -> list[str]:
    """Each step of the page's stepper as 'state:name'."""
    found = STEPPER.search(html)
    assert found, "the page has no stepper"
    items = re.findall(r'<li class="step-(\w+)"[^>]*>\s*<span>([^<]+)', found.group(1))
    return [f"{state}:{name.strip()}" for state, name in items]


def test_the_main_path_is_read_from_the_transition_table():
    path = stepper.main_path()
    assert path[0] == Stage.DRAFT and path[-1] == Stage.COMPLETED
    for source, target in zip(path, path[1:], strict=False):
        move = workflow.find_move(source, target)
        assert move is not None and move.gate is not workflow.no_gate
    assert Stage.CHANGES_REQUESTED not in path and Stage.WITHDRAWN not in path


@pytest.mark.parametrize(
    ("stage", "current", "done"),
    [
        (Stage.DRAFT, "Draft", 0),
        (Stage.SUBMITTED, "Submitted for review", 1),
        (Stage.CHANGES_REQUESTED, "Changes requested", 0),
        (Stage.INCUBATING, "Incubating", 2),
        (Stage.ACTIVE, "Active", 4),
    ],
)
def test_the_stepper_marks_where_the_initiative_stands(app, world, login_as, stage, current, done):
    project_id = make_project(app, world, stage)
    html = client_for(app, login_as, world, "owner").get(f"/projects/{project_id}").get_data(as_text=True)
    shown = steps(html)
    assert len(shown) == len(stepper.main_path())
    assert shown[done] == f"current:{current}"
    assert all(step.startswith("done:") for step in shown[:done])
    assert all(step.startswith("todo:") for step in shown[done + 1 :])
    assert html.count('aria-current="step"') == 1


def test_the_stepper_says_what_the_next_gate_asks(app, world, login_as):
    submitted = make_project(app, world, Stage.SUBMITTED)
    page = text(client_for(app, login_as, world, "anonymous").get(f"/projects/{submitted}"))
    assert "Next stage: Incubating" in page
    assert "A reviewer validates the design assessment as 'Satisfactory'." in page
    assert "The reviewer's gender-equality code is at least GE-1." in page
    assert "Then a reviewer decides." in page

    draft = make_project(app, world, Stage.DRAFT)
    page = text(client_for(app, login_as, world, "owner").get(f"/projects/{draft}"))
    assert "Next stage: Submitted for review" in page
    assert "The design assessment is complete: every required question answered." in page
    assert "Then the organisation submits it." in page


def test_a_withdrawn_initiative_shows_where_it_stopped_and_no_next_stage(app, world, login_as):
    project_id = make_project(app, world, Stage.INCUBATING)
    with app.app_context():
        workflow.transition(db.session.get(Project, project_id), Stage.WITHDRAWN, load(world.owner.id), "We stop.")
        db.session.commit()
    html = client_for(app, login_as, world, "owner").get(f"/projects/{project_id}").get_data(as_text=True)
    assert steps(html)[2] == "current:Withdrawn"
    assert "Next stage:" not in html
