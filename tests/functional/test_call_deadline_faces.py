"""The call's deadline on both faces: an initiative adopted from an idea under a call is refused at
submission outside the call's proposal period (web page and API alike), and accepted within it."""

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.gate.models import Phase
from app.gate.unmet import CALL_NOT_OPEN_FOR_PROPOSALS
from app.ideas import adoption
from app.ideas.models import Call, CallStatus
from app.organisations.models import Organisation
from app.projects.models import Project, ProjectEvent, Stage
from tests.support.api import assert_error, bearer
from tests.support.ideas import move_call, new_call, new_idea
from tests.support.projects import fill, load

pytestmark = pytest.mark.committed


@pytest.fixture
def adopted(app, make_user, make_org):
    """(call id, project id, version, owner record): a draft adopted under an open call, its design
    assessment complete."""
    owner, author, admin = make_user(), make_user(), make_user(role="admin")
    org = make_org(members=[(owner, "owner")])
    with app.app_context():
        call = new_call(load(admin.id))
        idea = new_idea(load(author.id), call_id=call.id)
        project = adoption.adopt_idea(idea, load(owner.id), db.session.get(Organisation, org.id))
        fill(project, Phase.DESIGN, load(owner.id))
        db.session.commit()
        return call.id, project.id, project.version, owner


def set_call(app, call_id: int, status: CallStatus) -> None:
    with app.app_context():
        move_call(db.session.get(Call, call_id), status)
        db.session.commit()


def stage_and_events(app, project_id: int):
    with app.app_context():
        stage = db.session.get(Project, project_id).stage
        return stage, db.session.scalar(select(func.count()).where(ProjectEvent.project_id == project_id))


@pytest.mark.parametrize("status", [CallStatus.CLOSED, CallStatus.OPEN_FOR_IDEAS])
def test_the_api_refuses_submission_outside_the_proposal_period(app, client, adopted, status):
    call_id, project_id, version, owner = adopted
    set_call(app, call_id, status)
    before = stage_and_events(app, project_id)
    response = client.post(f"/api/v1/projects/{project_id}/transitions", headers=bearer(app, owner),
                           json={"to": "submitted", "version": version})
    error = assert_error(response, 409, "gate_blocked")
    assert [d["rule"] for d in error["details"]] == [CALL_NOT_OPEN_FOR_PROPOSALS]
    assert stage_and_events(app, project_id) == before


def test_the_api_accepts_submission_while_the_call_takes_proposals(app, client, adopted):
    call_id, project_id, version, owner = adopted
    set_call(app, call_id, CallStatus.OPEN_FOR_PROPOSALS)
    response = client.post(f"/api/v1/projects/{project_id}/transitions", headers=bearer(app, owner),
                           json={"to": "submitted", "version": version})
    assert response.status_code == 201, response.get_data(as_text=True)
    assert stage_and_events(app, project_id)[0] == Stage.SUBMITTED


def test_the_web_page_refuses_submission_after_the_deadline_with_the_reason(app, client, adopted, login, csrf):
    call_id, project_id, version, owner = adopted
    set_call(app, call_id, CallStatus.CLOSED)
    login(owner)
    before = stage_and_events(app, project_id)
    response = client.post(f"/projects/{project_id}/transition",
                           data={"to": "submitted", "version": version, "note": "",
                                 "csrf_token": csrf(client, f"/projects/{project_id}")})
    assert response.status_code == 409
    assert "stopped taking proposals" in response.get_data(as_text=True)
    assert stage_and_events(app, project_id) == before
    set_call(app, call_id, CallStatus.OPEN_FOR_PROPOSALS)
    response = client.post(f"/projects/{project_id}/transition",
                           data={"to": "submitted", "version": version, "note": "",
                                 "csrf_token": csrf(client, f"/projects/{project_id}")})
    assert response.status_code == 302
    assert stage_and_events(app, project_id)[0] == Stage.SUBMITTED


def test_the_initiative_page_and_the_review_page_credit_the_idea(app, client, adopted, login, login_as, make_user):
    call_id, project_id, version, owner = adopted
    set_call(app, call_id, CallStatus.OPEN_FOR_PROPOSALS)
    with app.app_context():
        origin = adoption.origin_of(db.session.get(Project, project_id))
        author, idea_title, call_title = origin.author_name, origin.idea.title, origin.call_title
    login(owner)
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert f"From the idea of {author}:" in page and idea_title in page and call_title in page
    client.post(f"/api/v1/projects/{project_id}/transitions", headers=bearer(app, owner),
                json={"to": "submitted", "version": version})
    reviewer = make_user(role="reviewer", regions=("sub_saharan_africa",))
    reviewer_client = app.test_client()
    login_as(reviewer, reviewer_client)
    review_page = reviewer_client.get(f"/review/projects/{project_id}")
    assert review_page.status_code == 200
    assert f"From the idea of {author}:" in review_page.get_data(as_text=True)
