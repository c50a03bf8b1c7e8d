"""Finding partner organisations: by their address (slug), the public directory and what it says about
each organisation's people and projects, an organisation's projects, and the admins' list.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import lazyload, selectinload

from app import permissions
from app.core.extensions import db
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation, OrganisationChange
from app.projects.models import PUBLIC_STAGES, Project
from app.reference.models import Country, Theme
from app.reference.names import COUNTRIES, REGIONS, THEMES


def get_by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def get_with_members(slug: str) -> Organisation | None:
    """The organisation with its memberships and their people, loaded in a fixed number of queries."""
    return db.session.scalar(
        select(Organisation)
        .where(Organisation.slug == slug)
        .options(selectinload(Organisation.memberships).joinedload(Membership.user))
    )


@dataclass
class DirectoryFilters:
    country: str | None = None
    region: str | None = None
    theme: str | None = None

    def problems(self) -> dict[str, str]:
        """Unknown keys, by filter name (an empty dict when every filter is valid)."""
        found = {}
        if self.country and self.country not in COUNTRIES:
            found["country"] = _("There is no country '%(value)s' in the programme.", value=self.country)
        if self.region and self.region not in REGIONS:
            found["region"] = _("There is no region '%(value)s' in the programme.", value=self.region)
        if self.theme and self.theme not in THEMES:
            found["theme"] = _("There is no theme '%(value)s'.", value=self.theme)
        return found


def directory_query(filters: DirectoryFilters) -> Select:
    """Verified organisations matching `filters`, by name. Unknown keys simply match nothing."""
    query = select(Organisation).where(Organisation.verified.is_(True))
    if filters.country:
        query = query.where(Organisation.country_code == filters.country)
    if filters.region:
        query = query.where(
            Organisation.country_code.in_(select(Country.code).where(Country.region_key == filters.region))
        )
    if filters.theme:
        query = query.where(Organisation.themes.any(Theme.key == filters.theme))
    query = query.options(selectinload(Organisation.themes))
    return query.order_by(func.lower(Organisation.name), Organisation.id)


def search_directory(filters: DirectoryFilters, page: int = 1, per_page: int = 20, max_per_page: int = 100):
    """One page of the directory: a Flask-SQLAlchemy Pagination (items, page, per_page, total...)."""
    query = directory_query(filters)
    return db.paginate(
        query, page=max(page, 1), per_page=per_page, max_per_page=max_per_page, error_out=False
    )


@dataclass
class OrganisationFacts:
    """What the directory says about an organisation's people and projects (never a name or an e-mail)."""

    owners: int = 0
    members: int = 0
    public_projects: int = 0
    recent_projects: list[tuple[int, str]] = field(default_factory=list)  # (id, title), newest first


def directory_facts(orgs: list[Organisation], recent: int = 3) -> dict[int, OrganisationFacts]:
    """Per organisation id: its active owners and members, its projects in public stages (how many,
    and the `recent` newest). Two queries, whatever the number of organisations and projects."""
    ids = [org.id for org in orgs]
    if not ids:
        return {}
    public = Project.stage.in_(sorted(PUBLIC_STAGES))

    def people(role: MembershipRole):
        return (
            select(func.count(Membership.id))
            .where(
                Membership.organisation_id == Organisation.id,
                Membership.role == role,
                Membership.status == MembershipStatus.ACTIVE,
            )
            .correlate(Organisation)
            .scalar_subquery()
        )

    projects = (
        select(func.count(Project.id))
        .where(Project.organisation_id == Organisation.id, public)
        .correlate(Organisation)
        .scalar_subquery()
    )
    facts = {
        org_id: OrganisationFacts(owners=owners, members=members, public_projects=count)
        for org_id, owners, members, count in db.session.execute(
            select(Organisation.id, people(MembershipRole.OWNER), people(MembershipRole.MEMBER), projects).where(
                Organisation.id.in_(ids)
            )
        )
    }
    if recent <= 0:
        return facts
    ranked = (
        select(
            Project.organisation_id,
            Project.id,
            Project.title,
            func.row_number()
            .over(partition_by=Project.organisation_id, order_by=(Project.created_at.desc(), Project.id.desc()))
            .label("rank"),
        )
        .where(Project.organisation_id.in_(ids), public)
        .subquery()
    )
    for org_id, project_id, title in db.session.execute(
        select(ranked.c.organisation_id, ranked.c.id, ranked.c.title)
        .where(ranked.c.rank <= recent)
        .order_by(ranked.c.organisation_id, ranked.c.rank)
    ):
        facts[org_id].recent_projects.append((project_id, title))
    return facts


def projects_of(org: Organisation, user, limit: int = 50) -> tuple[list, int]:
    """The organisation's projects that `user` may view, newest first (at most `limit`), and how many
    there are in all. Two queries."""
    where = (Project.organisation_id == org.id, permissions.viewable_projects(user))
    total = db.session.scalar(select(func.count(Project.id)).where(*where))
    found = db.session.scalars(
        select(Project)
        .where(*where)
        .order_by(Project.created_at.desc(), Project.id.desc())
        .limit(limit)
        .options(lazyload(Project.themes))
    )
    return list(found), total or 0


def all_for_admin(page: int = 1, per_page: int = 50):
    """Every organisation, with its people (for the admin page): those asking for a new name or country
    first, then the unverified ones."""
    asking = select(OrganisationChange.organisation_id).where(OrganisationChange.organisation_id == Organisation.id)
    waiting = case((asking.exists(), 0), (Organisation.verified.is_(False), 1), else_=2)
    query = (
        select(Organisation)
        .options(
            selectinload(Organisation.memberships).joinedload(Membership.user),
            selectinload(Organisation.requested_change),
        )
        .order_by(waiting, func.lower(Organisation.name))
    )
    return db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False)
