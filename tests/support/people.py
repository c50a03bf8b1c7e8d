"""People and organisations made directly in the database, as plain records (id, email, name, …).

Each maker numbers what it makes from 1 (person1@example.org, org-1, "Organisation 1"): the fixtures
`make_user` and `make_org` of tests/conftest.py give each test new makers; the world a module shares
is made by makers with a label of their own ("shared"), so that it never meets what a test makes.
"""

from itertools import count
from types import SimpleNamespace

from app.accounts.models import ReviewerRegion, User
from app.core.columns import utcnow
from app.core.extensions import db
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation

PASSWORD = "correct horse battery staple 42"


def user_maker(app, label: str = ""):
    """A function that makes users numbered from 1 (see `create_user`)."""
    numbers = count(1)
    return lambda *args, **kwargs: create_user(app, next(numbers), label, *args, **kwargs)


def org_maker(app, label: str = ""):
    """A function that makes organisations numbered from 1 (see `create_org`)."""
    numbers = count(1)
    return lambda *args, **kwargs: create_org(app, next(numbers), label, *args, **kwargs)


def create_user(
    app,
    n: int,
    label: str,
    email: str | None = None,
    *,
    name: str | None = None,
    password: str = PASSWORD,
    role: str = "community",
    verified: bool = True,
    locale: str = "en",
    active: bool = True,
    regions: tuple[str, ...] = (),
) -> SimpleNamespace:
    """User number `n` of its maker, with that password; returns a plain record (id, email, name, password)."""
    with app.app_context():
        user = User(
            email=email or f"{label}-person{n}@example.org".lstrip("-"),
            name=name or f"{label} person {n}".strip().capitalize(),
            role=role,
            locale=locale,
            active=active,
            email_verified_at=utcnow() if verified else None,
        )
        user.set_password(password)
        user.reviewer_regions = [ReviewerRegion(region_key=r) for r in regions]
        db.session.add(user)
        db.session.commit()
        return SimpleNamespace(id=user.id, email=user.email, name=user.name, password=password)


def create_org(app, n: int, label: str, slug: str | None = None, *, country: str = "SN", verified: bool = True,
               members=()) -> SimpleNamespace:
    """Organisation number `n` of its maker; `members` is a list of (user record, role). Returns a plain
    record."""
    with app.app_context():
        org = Organisation(
            slug=slug or f"{label}-org-{n}".lstrip("-"),
            name=f"{label} organisation {n}".strip().capitalize(),
            country_code=country,
            description="",
            verified=verified,
            verified_at=utcnow() if verified else None,
        )
        db.session.add(org)
        db.session.flush()
        for user, role in members:
            db.session.add(
                Membership(
                    user_id=user.id,
                    organisation_id=org.id,
                    role=MembershipRole(role),
                    status=MembershipStatus.ACTIVE,
                    decided_at=utcnow(),
                )
            )
        db.session.commit()
        return SimpleNamespace(id=org.id, slug=org.slug, name=org.name, country=country)


def shared_makers(app):
    """The makers of the worlds a module shares (tests/conftest.py `shared_database`)."""
    return user_maker(app, "shared"), org_maker(app, "shared")
