"""Helpers for the tests of resource pooling: projects at a stage that takes needs, needs, pledges
and offers, all made through the real domain functions (app.resources).

Every helper takes the app and plain records (from make_user, make_org, or the ones answered here)
and works in its own app context, committing what it made; it answers ids or plain records, so a
test may use the test client in between. Inside a test's own `with app.app_context():` call the
service directly instead.
"""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import func, select

from app.accounts.models import User
from app.core.extensions import db
from app.organisations.models import Organisation
from app.projects.models import Project, Stage
from app.resources import needs as need_service
from app.resources import offer_requests as request_service
from app.resources import offers as offer_service
from app.resources import pledges as pledge_service
from app.resources.models import Need, Offer, OfferRequest, Pledge, PledgeEvent
from tests.support.api import bearer
from tests.support.projects import advance, load, new_project, world_records


def resource_people(make_user, make_org, country: str = "SN"):
    """The people around one organisation's project, as records: `partner` (its owner), `member`,
    `pledger` and `other` (community members), `outsider` (owner of another organisation), `reviewer`
    (of the country's region), `admin`, `unverified`; `org` and `other_org`."""
    from app.reference.names import region_of

    partner = make_user(name="Awa Partner")
    member = make_user(name="Moussa Member")
    pledger = make_user(name="Paula Pledger")
    other = make_user(name="Carla Community")
    outsider = make_user(name="Omar Outsider")
    reviewer = make_user(name="Rita Reviewer", role="reviewer", regions=(region_of(country),))
    admin = make_user(name="Ada Admin", role="admin")
    unverified = make_user(name="Ulla Unverified", verified=False)
    org = make_org(country=country, members=[(partner, "owner"), (member, "member")])
    other_org = make_org(country=country, members=[(outsider, "owner"), (pledger, "member")])
    return SimpleNamespace(partner=partner, member=member, pledger=pledger, other=other, outsider=outsider,
                           reviewer=reviewer, admin=admin, unverified=unverified, org=org, other_org=other_org)


def project_at(app, people, stage: Stage = Stage.INCUBATING, **changes) -> int:
    """A project of `people.org` brought to `stage` through the real gates; answers its id."""
    with app.app_context():
        project = new_project(people.org.id, people.partner.id, **changes)
        advance(project, stage, load(people.partner.id), load(people.reviewer.id))
        db.session.commit()
        return project.id


def incubating_project(app, make_user, make_org, stage: Stage = Stage.INCUBATING, **changes):
    """(project record, partner record, reviewer record): a new organisation's project at `stage`
    (incubating by default). The project record has `id`, `title`, `org` and `people` (all of
    resource_people)."""
    people = resource_people(make_user, make_org, country=changes.get("country", "SN"))
    project_id = project_at(app, people, stage, **changes)
    with app.app_context():
        title = db.session.get(Project, project_id).title
    project = SimpleNamespace(id=project_id, title=title, org=people.org, people=people)
    return project, people.partner, people.reviewer


def need_fields(**fields) -> dict:
    """Fields of a need: 500 000 XOF of funding unless told otherwise."""
    values = dict(kind="funding", title="School kits", description="Notebooks and pens for 120 girls.",
                  quantity=Decimal(500000), unit="XOF")
    values.update(fields)
    return values


def add_need(app, project, partner, **fields) -> int:
    """A need added by `partner` to `project` (a record or an id); answers its id."""
    with app.app_context():
        need = need_service.add_need(db.session.get(Project, _id(project)), load(partner.id), **need_fields(**fields))
        db.session.commit()
        return need.id


def pledge(app, need, user, quantity=Decimal(1000), **extra) -> int:
    """A pledge by `user` against `need` (a record or an id); answers its id."""
    with app.app_context():
        found = db.session.get(Need, _id(need))
        made, _created = pledge_service.make_pledge(found, found.project, load(user.id), quantity=quantity, **extra)
        db.session.commit()
        return made.id


def move(app, pledge_id: int, actor, status: str) -> None:
    """Move a pledge to `status` as `actor` (who must be allowed to)."""
    with app.app_context():
        found = db.session.get(Pledge, pledge_id)
        pledge_service.set_pledge_status(found, found.project, load(actor.id), status)
        db.session.commit()


def pledge_at(app, need, user, partner, status: str, quantity=Decimal(1000), **extra) -> int:
    """A pledge brought to `status` (pledged, accepted, fulfilled, declined or withdrawn); answers its id."""
    pledge_id = pledge(app, need, user, quantity, **extra)
    path = {"pledged": [], "accepted": [("accepted", partner)], "declined": [("declined", partner)],
            "fulfilled": [("accepted", partner), ("fulfilled", partner)], "withdrawn": [("withdrawn", user)]}
    for target, actor in path[status]:
        move(app, pledge_id, actor, target)
    return pledge_id


def add_offer(app, offerer, *, countries=("SN",), expires_on: date | None = None, **fields) -> int:
    """An offer to the pool by `offerer`: 200 hours of volunteer time unless told otherwise; answers its id."""
    values = dict(kind="volunteer_time", title="Trainers for safe spaces", description="Two trainers, weekends.",
                  quantity=Decimal(200), unit="hours")
    values.update(fields)
    with app.app_context():
        offer, _created = offer_service.make_offer(load(offerer.id), countries=list(countries),
                                                   expires_on=expires_on or date.today() + timedelta(days=90), **values)
        db.session.commit()
        return offer.id


def ask(app, offer_id: int, need_id: int, partner, quantity=None, message: str = "") -> int:
    """The project's partner asks for an offer to meet a need; answers the request's id."""
    with app.app_context():
        need = db.session.get(Need, need_id)
        made = request_service.ask_offer(db.session.get(Offer, offer_id), need, need.project, load(partner.id),
                                         quantity=quantity, message=message)
        db.session.commit()
        return made.id


def answer(app, request_id: int, offerer, confirm: bool = True) -> int | None:
    """The offerer answers a request; answers the new pledge's id when confirmed."""
    with app.app_context():
        made = request_service.answer_request(db.session.get(OfferRequest, request_id), load(offerer.id),
                                              confirm=confirm)
        db.session.commit()
        return made.id if made is not None else None


def stored(app, model, object_id: int):
    """A row read back and detached (its plain columns stay readable)."""
    with app.app_context():
        found = db.session.get(model, object_id)
        db.session.expunge(found)
        return found


def events_of(app, pledge_id: int) -> list[tuple[str | None, str, int | None]]:
    """The pledge's events as (from, to, actor id), oldest first."""
    with app.app_context():
        return [
            (e.from_status.value if e.from_status else None, e.to_status.value, e.actor_id)
            for e in db.session.scalars(select(PledgeEvent).where(PledgeEvent.pledge_id == pledge_id)
                                        .order_by(PledgeEvent.id))
        ]


def organisation(app, org) -> Organisation:
    return stored(app, Organisation, org.id)


def user(app, record) -> User:
    return stored(app, User, record.id)


def _id(value) -> int:
    return value if isinstance(value, int) else value.id


# For the API tests of needs, pledges and offers ---------------------------------------------------

# The callers every endpoint is tried with: "partner" is an owner of the project's organisation,
# "other_partner" the owner of another one, "pledger" a community member who pledged.
ROLES = ("anonymous", "community", "unverified", "pledger", "partner", "other_partner", "reviewer", "admin")
SECRET = "Call me on my private number before Friday."


def resource_world(make_user, make_org):
    world = world_records(make_user, make_org)
    world.pledger = make_user(name="Paula Pledger")
    world.unverified = make_user(name="Ulla Unverified", verified=False)
    world.partner = world.owner
    world.other_partner = world.outsider_partner
    return world


def headers(app, world, role: str) -> dict:
    return {} if role == "anonymous" else bearer(app, getattr(world, role))


def advance_project(app, world, project_id: int, stage: Stage) -> None:
    with app.app_context():
        advance(db.session.get(Project, project_id), stage, load(world.owner.id), load(world.reviewer.id))
        db.session.commit()


def count_rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))
