"""Consultations with children on the web: the section of the project page (figures and words, never a
person), the partners' forms with their refusals (the typing kept), the answer back, and the completion
review refused on the project page until every answer back is recorded."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.projects.models import Project, Stage
from app.voice.models import Consultation
from tests.support.projects import load
from tests.support.queries import page_queries
from tests.support.voice import ANSWER, SUMMARY, record
from tests.support.web import client_for, make_project, meet_gate, post, text

HELD_ON = (date.today() - timedelta(days=7)).isoformat()


def form(**changes) -> dict:
    data = {"held_on": HELD_ON, "setting": "community_centre", "method": "drawing", "girls_0_5": "",
            "girls_6_11": "14", "girls_12_17": "", "boys_0_5": "", "boys_6_11": "11", "boys_12_17": "",
            "consent_confirmed": "y", "summary": SUMMARY}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def consultations_of(app, project_id: int) -> list[Consultation]:
    with app.app_context():
        found = list(db.session.scalars(select(Consultation).where(Consultation.project_id == project_id)))
        for c in found:
            db.session.expunge(c)
        return found


def recorded(app, world, project_id: int, answered: bool = False) -> int:
    with app.app_context():
        project = db.session.get(Project, project_id)
        consultation = record(project, load(world.owner.id))
        if answered:
            consultation.answer_back, consultation.answered_on = ANSWER, date.today()
            consultation.answered_at, consultation.answered_by_id = consultation.created_at, world.owner.id
        db.session.commit()
        return consultation.id


def test_a_partner_records_a_consultation_and_the_page_shows_figures_and_words(app, world, login_as):
    project_id = make_project(app, world, Stage.INCUBATING)
    client = client_for(app, login_as, world, "member")
    page = client.get(f"/projects/{project_id}/consultations/new")
    assert page.status_code == 200 and 'name="csrf_token"' in page.get_data(as_text=True)
    done = post(client, f"/projects/{project_id}/consultations/new", form())
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/projects/{project_id}/consultations")
    [stored] = consultations_of(app, project_id)
    assert (stored.girls_6_11, stored.boys_6_11, stored.method, stored.recorded_by_id) == (
        14, 11, "drawing", world.member.id)
    visitor = client_for(app, login_as, world, "anonymous")
    public = text(visitor.get(f"/projects/{project_id}"))  # the project page: one line of figures
    assert "Consultations with children" in public
    assert "25 children took part." in public and "Drawing, Community centre" in public
    assert "Answer back not recorded yet." in public and "Record a consultation" not in public
    page = visitor.get(f"/projects/{project_id}/consultations")  # the consultations page: figures and words
    assert page.status_code == 200
    public = text(page)
    assert "25 children took part." in public and SUMMARY in public and "Not recorded yet." in public
    assert "Moussa Member" not in public  # the recorder is never shown
    assert "Record the answer back" not in public and "Record a consultation" not in public
    partner = text(client.get(f"/projects/{project_id}/consultations"))
    assert "Record the answer back" in partner and "Change the consultation" in partner


@pytest.mark.parametrize(("changes", "expected"), [
    ({"consent_confirmed": None}, "guardians gave their consent"),
    ({"girls_6_11": "-4"}, "cannot be negative"),
    ({"boys_6_11": "20000"}, "At most 10,000 children"),
    ({"girls_6_11": "", "boys_6_11": "0"}, "Count at least one child"),
    ({"held_on": (date.today() + timedelta(days=3)).isoformat()}, "cannot be in the future"),
    ({"setting": "12 rue Carnot"}, "Choose where the consultation was held"),
    ({"summary": "Fatou, 11 ans, a peur de la route."}, "may let someone identify or contact a child"),
])
def test_a_refused_consultation_says_why_and_keeps_the_typing(app, world, login_as, changes, expected):
    project_id = make_project(app, world, Stage.INCUBATING)
    client = client_for(app, login_as, world, "owner")
    data = form(summary="Les enfants veulent un terrain de jeu éclairé le soir.", **{
        k: v for k, v in changes.items() if k != "summary"})
    if "summary" in changes:
        data["summary"] = changes["summary"]
    refused = post(client, f"/projects/{project_id}/consultations/new", data)
    assert refused.status_code == 422
    assert expected in text(refused)
    html = refused.get_data(as_text=True)
    assert data["summary"] in html
    if changes.get("girls_6_11") == "-4":
        assert 'value="-4"' in html
    assert consultations_of(app, project_id) == []


@pytest.mark.parametrize("role", ["community", "reviewer", "outsider_partner", "admin"])
def test_others_may_not_record_or_answer(app, world, login_as, role):
    project_id = make_project(app, world, Stage.ACTIVE)
    consultation_id = recorded(app, world, project_id)
    client = client_for(app, login_as, world, role)
    assert client.get(f"/projects/{project_id}/consultations/new").status_code == 403
    assert post(client, f"/projects/{project_id}/consultations/new", form()).status_code == 403
    answer_url = f"/projects/{project_id}/consultations/{consultation_id}/answer"
    assert post(client, answer_url, {"answer_back": ANSWER}).status_code == 403
    assert post(client, f"/projects/{project_id}/consultations/{consultation_id}/edit", form()).status_code == 403
    assert len(consultations_of(app, project_id)) == 1 and consultations_of(app, project_id)[0].answer_back is None


def test_a_partner_records_the_answer_back(app, world, login_as):
    project_id = make_project(app, world, Stage.ACTIVE)
    consultation_id = recorded(app, world, project_id)
    client = client_for(app, login_as, world, "owner")
    url = f"/projects/{project_id}/consultations/{consultation_id}/answer"
    assert client.get(url).status_code == 200
    refused = post(client, url, {"answer_back": "Nous avons appelé le +221 77 123 45 67."})
    assert refused.status_code == 422 and "identify or contact a child" in text(refused)
    assert "Nous avons appelé le +221 77 123 45 67." in refused.get_data(as_text=True)
    done = post(client, url, {"answer_back": ANSWER})
    assert done.status_code == 302
    [stored] = consultations_of(app, project_id)
    assert stored.answer_back == ANSWER and stored.answered_on == date.today()
    assert stored.answered_by_id == world.owner.id
    public = text(client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}/consultations"))
    assert ANSWER in public and "Told to the children on" in public
    assert "Answer back recorded." in text(client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}"))


def test_a_partner_changes_a_consultation(app, world, login_as):
    project_id = make_project(app, world, Stage.ACTIVE)
    consultation_id = recorded(app, world, project_id)
    client = client_for(app, login_as, world, "owner")
    url = f"/projects/{project_id}/consultations/{consultation_id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert SUMMARY in text(client.get(url)) and 'value="12"' in page  # filled from the consultation
    assert post(client, url, form(method="survey")).status_code == 302
    assert consultations_of(app, project_id)[0].method == "survey"


def test_completion_review_is_refused_on_the_page_until_the_answer_back(app, world, login_as):
    project_id = make_project(app, world, Stage.ACTIVE)
    consultation_id = recorded(app, world, project_id)
    meet_gate(app, project_id, world)
    client = client_for(app, login_as, world, "owner")
    with app.app_context():
        version = db.session.get(Project, project_id).version
    page = text(client.get(f"/projects/{project_id}"))
    assert "has no answer back yet" in page  # the gate's rule, beside the move
    assert "completion review needs it" in text(client.get(f"/projects/{project_id}/consultations"))
    refused = post(client, f"/projects/{project_id}/transition", {"to": "completion_review", "version": version})
    assert refused.status_code == 409 and "has no answer back yet" in text(refused)
    post(client, f"/projects/{project_id}/consultations/{consultation_id}/answer", {"answer_back": ANSWER})
    with app.app_context():
        version = db.session.get(Project, project_id).version
    moved = post(client, f"/projects/{project_id}/transition", {"to": "completion_review", "version": version})
    assert moved.status_code == 302
    with app.app_context():
        assert db.session.get(Project, project_id).stage == Stage.COMPLETION_REVIEW
    page = client.get(f"/projects/{project_id}/consultations/new")
    assert "until the initiative goes to completion review" in text(page)


def test_the_section_loads_in_a_fixed_number_of_queries(app, world, login_as):
    project_id = make_project(app, world, Stage.ACTIVE)
    recorded(app, world, project_id)
    client = client_for(app, login_as, world, "owner")
    one = page_queries(app, client, f"/projects/{project_id}")
    one_list = page_queries(app, client, f"/projects/{project_id}/consultations")
    recorded(app, world, project_id, answered=True)
    recorded(app, world, project_id)
    assert page_queries(app, client, f"/projects/{project_id}") == one
    assert page_queries(app, client, f"/projects/{project_id}/consultations") == one_list
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Consultation)) >= 3


@pytest.mark.parametrize(("language", "heading", "told"), [
    ("fr", "Consultations des enfants", "enfants ont participé"),
    ("es", "Consultas con niñas y niños", "Participaron"),
])
def test_the_section_speaks_the_readers_language(app, world, login_as, language, heading, told):
    project_id = make_project(app, world, Stage.ACTIVE)
    recorded(app, world, project_id)
    page = text(app.test_client().get(f"/projects/{project_id}", headers={"Accept-Language": language}))
    assert heading in page and told in page
