"""The partners' needs page loads the matching offers of all its open needs at once: the same number of
queries for one need as for five, each with offers in the pool."""

from decimal import Decimal

import pytest

from app.projects.models import Stage
from tests.support.queries import page_queries
from tests.support.resources import add_need, add_offer, ask, pledge, project_at, resource_people
from tests.support.web import text


@pytest.fixture
def people(make_user, make_org):
    return resource_people(make_user, make_org)


@pytest.fixture
def project_id(app, people):
    return project_at(app, people, Stage.INCUBATING)


def test_the_partners_needs_page_answers_in_a_fixed_number_of_queries_whatever_the_needs(
    app, login_as, people, project_id
):
    partner = app.test_client()
    login_as(people.partner, partner)
    first = add_need(app, project_id, people.partner, kind="volunteer_time", title="Trainers", quantity=200,
                     unit="hours")
    offered = add_offer(app, people.other, title="Weekend trainers")
    ask(app, offered, first, people.partner)
    pledge(app, first, people.pledger, Decimal(10))
    url = f"/projects/{project_id}/needs"
    page_queries(app, partner, url)  # warm up (the session, the language)
    one = page_queries(app, partner, url)
    kinds = [("volunteer_time", "hours"), ("materials", "kits"), ("funding", "EUR"), ("expertise", "days")]
    for n, (kind, unit) in enumerate(kinds):
        need_id = add_need(app, project_id, people.partner, kind=kind, title=f"Need {n}", quantity=Decimal(100),
                           unit=unit)
        offer_id = add_offer(app, people.other, kind=kind, unit=unit, title=f"Offer {n}")
        ask(app, offer_id, need_id, people.partner)
        pledge(app, need_id, people.pledger, Decimal(7))
    many = page_queries(app, partner, url)
    assert many == one
    page = text(partner.get(url))
    assert "Weekend trainers" in page and "Offer 3" in page
