"""Needs and offers are public and have no moderation queue: a title or description that may identify or
let someone contact a child is refused, with the safeguarding screen's advice, on the web and in the API."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.projects.models import Project, Stage
from app.resources import needs as need_service
from app.resources import offers as offer_service
from app.resources.models import Need, Offer
from app.resources.refusals import ResourceInvalid
from tests.conftest import get_csrf
from tests.support.api import assert_error, bearer
from tests.support.projects import load
from tests.support.resources import add_need, project_at, resource_people

SOON = date.today() + timedelta(days=30)
CHILD = "School fees for Juanita de 7 años, who lives with her grandmother."
PHONE = "Call the coordinator on +226 70 12 34 56."
LINK = "Join us: https://chat.whatsapp.com/KxL9pQ2mZ7aB3c"


@pytest.fixture
def people(make_user, make_org):
    return resource_people(make_user, make_org)


@pytest.fixture
def project_id(app, people):
    return project_at(app, people, Stage.ACTIVE)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(("title", "description", "field", "says"), [
    ("Fees", CHILD, "description", "name or exact age"),
    ("Kits for Fatoumata, 13yo", "", "title", "name or exact age"),
    ("Transport", PHONE, "description", "Remove the phone number"),
    ("Volunteers", LINK, "description", "private chat"),
])
def test_a_need_that_may_identify_a_child_is_refused_with_the_advice(app, people, project_id, title, description,
                                                                      field, says):
    with app.app_context(), pytest.raises(ResourceInvalid) as caught:
        need_service.add_need(db.session.get(Project, project_id), load(people.partner.id), kind="funding",
                              title=title, description=description, quantity="1000", unit="XOF")
    assert set(caught.value.errors) == {field}
    assert says in str(caught.value.errors[field])
    assert count(app, Need) == 0


def test_an_edit_that_adds_a_child_s_age_is_refused(app, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="funding", unit="XOF", title="Fees")
    with app.app_context(), pytest.raises(ResourceInvalid) as caught:
        need = db.session.get(Need, need_id)
        need_service.edit_need(need, need.project, load(people.partner.id), title="Fees", description=CHILD,
                               quantity="1000", unit="XOF", required=True)
    assert set(caught.value.errors) == {"description"}


def test_an_offer_with_a_phone_number_is_refused_and_a_plain_one_is_made(app, people):
    values = dict(kind="funding", title="Small grant", quantity="1500", unit="XOF", countries=["SN"],
                  expires_on=SOON)
    with app.app_context(), pytest.raises(ResourceInvalid) as caught:
        offer_service.make_offer(load(people.pledger.id), description="WhatsApp me: wa.me/221771234567", **values)
    assert set(caught.value.errors) == {"description"}
    with app.app_context():
        offer_service.make_offer(load(people.pledger.id), description="For girls' clubs in 12 schools.", **values)
        db.session.commit()
    assert count(app, Offer) == 1


def test_the_need_form_shows_the_advice_and_keeps_the_typing(app, login_as, people, project_id):
    client = app.test_client()
    login_as(people.partner, client)
    response = client.post(f"/projects/{project_id}/needs/new", data={
        "csrf_token": get_csrf(client), "kind": "materials", "title": "Uniform", "description": CHILD,
        "quantity": "1", "currency": "XOF", "unit": "uniforms"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "This text may let someone identify or contact a child." in html
    assert "Juanita de 7 años" in html  # the typing is kept for the author to rewrite
    assert count(app, Need) == 0


def test_the_api_answers_422_naming_the_field(app, client, people, project_id):
    response = client.post(f"/api/v1/projects/{project_id}/needs", headers=bearer(app, people.partner),
                           json={"kind": "funding", "title": "Fees", "description": PHONE, "quantity": "1000",
                                 "unit": "XOF", "required": True})
    error = assert_error(response, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["description"]
    response = client.post("/api/v1/offers", headers=bearer(app, people.pledger),
                           json={"kind": "funding", "title": "Grant for Ali aged 10", "quantity": "1000",
                                 "unit": "XOF", "countries": ["SN"], "expires_on": SOON.isoformat()})
    error = assert_error(response, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["title"]
