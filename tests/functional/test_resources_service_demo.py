"""`flask seed-demo` also makes demo needs, pledges in every status and several currencies, offers in
the pool and a request waiting for its offerer; running it again adds nothing, and the gates hold."""

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.demo.resources import NEEDS, OFFERS
from app.projects.models import NEED_STAGES, Project
from app.resources import needs as need_service
from app.resources import offers as offer_service
from app.resources import progress as progress_service
from app.resources.models import (
    Need,
    NeedKind,
    Offer,
    OfferRequest,
    OfferRequestStatus,
    OfferStatus,
    Pledge,
    PledgeEvent,
    PledgeStatus,
)
from tests.conftest import delete_all_rows

MODELS = (Need, Pledge, PledgeEvent, Offer, OfferRequest)


@pytest.fixture(scope="module")
def seeded(app):
    """The demo data seeded twice and really committed; the tables are emptied when the module is done."""
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    with app.app_context():
        after_first = counts()
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    yield after_first
    with app.app_context():
        delete_all_rows()


def counts() -> dict[str, int]:
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in MODELS}


def test_seeding_again_adds_nothing(app, seeded):
    with app.app_context():
        assert counts() == seeded
    assert seeded["Need"] == len(NEEDS)
    assert seeded["Offer"] == len(OFFERS)
    assert seeded["OfferRequest"] == 1


def test_needs_stand_on_projects_that_take_them_with_pledges_in_every_status(app, seeded):
    with app.app_context():
        projects = list(db.session.scalars(select(Project).where(Project.id.in_(select(Need.project_id)))))
        assert {p.stage for p in projects} == set(NEED_STAGES)
        statuses = set(db.session.scalars(select(Pledge.status).distinct()))
        assert statuses == {PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED,
                            PledgeStatus.DECLINED, PledgeStatus.WITHDRAWN}
        assert db.session.scalar(select(func.count(Pledge.id)).where(Pledge.organisation_id.is_not(None))) >= 3
        currencies = set(db.session.scalars(select(Need.unit).where(Need.kind == NeedKind.FUNDING)))
        assert {"XOF", "TND", "COP", "EUR"} <= currencies
        for project in projects:
            needs = need_service.needs_of(project)
            progress = progress_service.progress_of(needs)
            for total in progress_service.totals_of(project):
                assert total.committed <= sum(progress[n.id].committed for n in needs)
        overs = [p for project in projects
                 for p in progress_service.progress_of(need_service.needs_of(project)).values() if p.over > 0]
        assert overs  # an over-committed need is shown


def test_every_pledge_has_its_history(app, seeded):
    with app.app_context():
        for pledge in db.session.scalars(select(Pledge)):
            assert pledge.events[0].to_status == PledgeStatus.PLEDGED
            assert pledge.events[-1].to_status == pledge.status


def test_the_pool_has_open_offers_and_a_waiting_request(app, seeded):
    with app.app_context():
        page = offer_service.open_offers(offer_service.OfferFilters())
        assert page.total == len(OFFERS) and all(o.status == OfferStatus.OPEN for o in page.items)
        waiting = db.session.scalar(select(OfferRequest))
        assert waiting.status == OfferRequestStatus.ASKED
        assert waiting.offer in offer_service.matching_offers(waiting.need, waiting.need.project)


def test_check_gates_stays_clean(app, seeded):
    result = app.test_cli_runner().invoke(args=["check-gates"])
    assert result.exit_code == 0, result.output
