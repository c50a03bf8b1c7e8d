"""The rules written as SQL conditions (the review queue, the reviewers told of a project, the assessments
export) say exactly what can_review_project says."""

import pytest
from sqlalchemy import select

from app import permissions
from app.accounts.models import User
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


@pytest.fixture
def everywhere(app, world, make_user):
    """The world's projects in three regions, a reviewer who asked to join the first organisation and
    a deactivated reviewer."""
    world.inactive = make_user(role="reviewer", regions=("sub_saharan_africa",), active=False)
    with app.app_context():
        db.session.add(Membership(user_id=world.pending.id, organisation_id=world.org.id,
                                  role=MembershipRole.MEMBER, status=MembershipStatus.PENDING))
        for country in ("SN", "MA", "CO"):
            new_project(world.org.id, world.owner.id, country=country)
            new_project(world.other_org.id, world.outsider_partner.id, country=country)
        db.session.commit()
    return world


@pytest.mark.parametrize("who", [*PEOPLE, "pending", "inactive"])
def test_assessments_are_exported_from_every_project_for_admins_and_the_reviewable_ones_for_reviewers(
    app, everywhere, who
):
    with app.app_context():
        user = load(getattr(everywhere, who).id)
        projects = db.session.scalars(select(Project)).all()
        if who == "admin":
            expected = {p.id for p in projects}
        else:
            expected = {p.id for p in projects if permissions.can_review_project(user, p)}
        condition = permissions.projects_with_exportable_assessments(user)
        assert set(db.session.scalars(select(Project.id).where(condition))) == expected
    assert bool(expected) == (who in ("reviewer", "far_reviewer", "conflicted", "pending", "admin"))


def test_the_reviewers_told_of_a_project_are_the_reviewers_who_may_review_it(app, everywhere):
    people = [*PEOPLE, "pending", "inactive"]
    with app.app_context():
        users = [load(getattr(everywhere, who).id) for who in people]
        for project in db.session.scalars(select(Project)).all():
            expected = {
                u.id for u in users if permissions.is_reviewer(u) and permissions.can_review_project(u, project)
            }
            condition = permissions.reviewers_who_may_review(project)
            assert set(db.session.scalars(select(User.id).where(condition))) == expected
            assert everywhere.admin.id not in expected and everywhere.inactive.id not in expected
