"""permissions.reviewable_projects (the review queue's SQL) says exactly what can_review_project says."""

import pytest
from sqlalchemy import select

from app import permissions
from app.core.extensions import db
from app.organisations.models import Membership, MembershipRole, MembershipStatus
from app.projects.models import Project
from tests.support.projects import load, new_project, world_records

PEOPLE = ("owner", "member", "outsider_partner", "community", "reviewer", "far_reviewer", "conflicted",
          "admin")


@pytest.fixture
def world(make_user, make_org):
    world = world_records(make_user, make_org)
    regions = ("sub_saharan_africa", "latin_america")
    world.pending = make_user(name="Paula Pending", role="reviewer", regions=regions)
    return world


@pytest.mark.parametrize("who", [*PEOPLE, "pending", "inactive"])
def test_the_query_matches_the_rule_for_everyone(app, world, make_user, who):
    with app.app_context():
        # A reviewer who asked to join the organisation (pending) has a conflict of interest too.
        db.session.add(Membership(user_id=world.pending.id, organisation_id=world.org.id,
                                  role=MembershipRole.MEMBER, status=MembershipStatus.PENDING))
        for country in ("SN", "MA", "CO"):
            new_project(world.org.id, world.owner.id, country=country)
            new_project(world.other_org.id, world.outsider_partner.id, country=country)
        db.session.commit()
    if who == "inactive":
        person = make_user(role="reviewer", regions=("sub_saharan_africa",), active=False)
    else:
        person = getattr(world, who)
    with app.app_context():
        user = load(person.id)
        projects = db.session.scalars(select(Project)).all()
        expected = {p.id for p in projects if permissions.can_review_project(user, p)}
        found = set(db.session.scalars(select(Project.id).where(permissions.reviewable_projects(user))))
        assert found == expected
    reviews_something = who in ("reviewer", "far_reviewer", "conflicted", "pending", "admin")
    assert bool(expected) == reviews_something
