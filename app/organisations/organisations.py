"""Partner organisations: the directory, creating and editing, memberships, verification.

These functions flush; the caller commits, then sends any e-mail.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import lazyload, selectinload

from app import permissions
from app.accounts.models import User
from app.core.columns import utcnow
from app.core.errors import DomainError, NotPermitted
from app.core.extensions import db
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation
from app.projects.models import PUBLIC_STAGES, Project
from app.reference.models import Country, Theme
from app.reference.names import COUNTRIES, REGIONS, THEMES

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 80
NAME_MAX = 200
WEBSITE_MAX = 300
DESCRIPTION_MAX = 5000


class OrganisationInvalid(DomainError):
    """Some fields are wrong; `errors` maps field names to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(_("Some fields need correcting."))
        self.errors = errors


class MembershipRefused(DomainError):
    """A membership change that the rules do not allow (already a member, last owner...)."""


class MembershipAction(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    REMOVE = "remove"
    MAKE_OWNER = "make_owner"
    MAKE_MEMBER = "make_member"


@dataclass
class OrganisationData:
    name: str
    country: str
    slug: str = ""
    description: str = ""
    themes: list[str] = field(default_factory=list)
    website: str = ""


# Fetching -----------------------------------------------------------------------------------------


def get_by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def get_with_members(slug: str) -> Organisation | None:
    """The organisation with its memberships and their people, loaded in a fixed number of queries."""
    return db.session.scalar(
        select(Organisation)
        .where(Organisation.slug == slug)
        .options(selectinload(Organisation.memberships).joinedload(Membership.user))
    )


# The directory (the web page and the API share this query) ----------------------------------------


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
    """Every organisation, unverified first, with its people (for the admin page)."""
    query = (
        select(Organisation)
        .options(selectinload(Organisation.memberships).joinedload(Membership.user))
        .order_by(case((Organisation.verified.is_(False), 0), else_=1), func.lower(Organisation.name))
    )
    return db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False)


# Creating and editing -----------------------------------------------------------------------------


def slugify(text: str) -> str:
    """A URL-safe key from a name: 'Enfance & Avenir Lomé' -> 'enfance-avenir-lome'."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:SLUG_MAX].rstrip("-") or "organisation"


def slug_taken(slug: str, except_id: int | None = None) -> bool:
    query = select(Organisation.id).where(Organisation.slug == slug)
    if except_id is not None:
        query = query.where(Organisation.id != except_id)
    return db.session.scalar(query) is not None


def free_slug(base: str) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken yet."""
    candidate, n = base, 1
    while slug_taken(candidate):
        n += 1
        suffix = f"-{n}"
        candidate = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return candidate


def is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url


def clean(data: OrganisationData, org: Organisation | None = None) -> tuple[OrganisationData, dict[str, str]]:
    """Trim the fields and check each one; returns the cleaned data and the errors by field."""
    cleaned = OrganisationData(
        name=(data.name or "").strip(),
        country=(data.country or "").strip().upper(),
        slug=(data.slug or "").strip().lower(),
        description=(data.description or "").strip(),
        themes=list(dict.fromkeys(data.themes or [])),
        website=(data.website or "").strip(),
    )
    errors = {}
    if not cleaned.name:
        errors["name"] = _("Please enter the organisation's name.")
    elif len(cleaned.name) > NAME_MAX:
        errors["name"] = _("The name is too long (at most %(max)d characters).", max=NAME_MAX)
    if cleaned.country not in COUNTRIES:
        errors["country"] = _("Choose a country of the programme.")
    if cleaned.slug:
        if len(cleaned.slug) > SLUG_MAX or not SLUG_RE.match(cleaned.slug):
            errors["slug"] = _(
                "Use only lower-case letters a to z, digits and single hyphens (at most %(max)d characters).",
                max=SLUG_MAX,
            )
        elif slug_taken(cleaned.slug, except_id=org.id if org else None):
            errors["slug"] = _("Another organisation already uses this web address.")
    if unknown := [t for t in cleaned.themes if t not in THEMES]:
        errors["themes"] = _("Unknown theme: %(themes)s.", themes=", ".join(unknown))
    if len(cleaned.description) > DESCRIPTION_MAX:
        errors["description"] = _(
            "The description is too long (at most %(max)d characters).", max=DESCRIPTION_MAX
        )
    if cleaned.website and (len(cleaned.website) > WEBSITE_MAX or not is_web_address(cleaned.website)):
        errors["website"] = _("Enter a full web address starting with http:// or https://.")
    return cleaned, errors


def _themes(keys: list[str]) -> list[Theme]:
    found = {t.key: t for t in db.session.scalars(select(Theme).where(Theme.key.in_(keys)))} if keys else {}
    return [found[k] for k in keys if k in found]


def create_organisation(data: OrganisationData, creator: User) -> Organisation:
    """Create an unverified organisation whose creator is its active owner.

    Refuses (NotPermitted) anyone without an active account and a confirmed
    e-mail address, and (OrganisationInvalid) wrong fields or a taken address
    (slug). Without a slug, one is made from the name and kept unique.
    """
    if not permissions.can_create_organisation(creator):
        raise NotPermitted(_("Please confirm your e-mail address before registering an organisation."))
    cleaned, errors = clean(data)
    if errors:
        raise OrganisationInvalid(errors)
    org = Organisation(
        slug=cleaned.slug or free_slug(slugify(cleaned.name)),
        name=cleaned.name,
        country_code=cleaned.country,
        description=cleaned.description,
        website=cleaned.website,
        verified=False,
        themes=_themes(cleaned.themes),
    )
    db.session.add(org)
    db.session.add(
        Membership(
            user=creator,
            organisation=org,
            role=MembershipRole.OWNER,
            status=MembershipStatus.ACTIVE,
            decided_at=utcnow(),
        )
    )
    db.session.flush()
    return org


def update_organisation(org: Organisation, data: OrganisationData, actor: User) -> Organisation:
    """Change an organisation's details (its verification is untouched).

    Refuses (NotPermitted) anyone but its active owners and admins, and
    (OrganisationInvalid) wrong fields or a slug another organisation uses.
    An empty slug keeps the current one.
    """
    if not permissions.can_manage_organisation(actor, org):
        raise NotPermitted(_("Only the organisation's owners can change it."))
    cleaned, errors = clean(data, org)
    if errors:
        raise OrganisationInvalid(errors)
    org.name = cleaned.name
    org.slug = cleaned.slug or org.slug
    org.country_code = cleaned.country
    org.description = cleaned.description
    org.website = cleaned.website
    org.themes = _themes(cleaned.themes)
    db.session.flush()
    return org


def set_verified(org: Organisation, verified: bool, actor: User) -> bool:
    """Mark the organisation verified or not. Returns True when this changed anything.

    Refuses (NotPermitted) anyone but admins.
    """
    if not permissions.can_verify_organisation(actor, org):
        raise NotPermitted(_("Only admins can verify organisations."))
    if org.verified == verified:
        return False
    org.verified = verified
    org.verified_at = utcnow() if verified else None
    db.session.flush()
    return True


# Memberships --------------------------------------------------------------------------------------


def owners(org: Organisation) -> list[User]:
    """The active owners (the people told about requests to join and about verification)."""
    return [m.user for m in org.memberships if m.is_active and m.role == MembershipRole.OWNER]


def request_membership(org: Organisation, user: User) -> Membership:
    """Ask to join `org`: a pending `member` membership that an owner accepts or declines.

    Refuses (MembershipRefused) someone who already belongs or already asked,
    and (NotPermitted) anyone else who may not ask (see permissions.can_request_to_join).
    """
    if permissions.is_member_of(user, org):
        raise MembershipRefused(_("You already belong to this organisation or have asked to join it."))
    if not permissions.can_request_to_join(user, org):
        raise NotPermitted(_("You cannot ask to join this organisation."))
    membership = Membership(
        user=user, organisation=org, role=MembershipRole.MEMBER, status=MembershipStatus.PENDING
    )
    db.session.add(membership)
    db.session.flush()
    return membership


def get_membership(org: Organisation, membership_id: int) -> Membership | None:
    membership = db.session.get(Membership, membership_id)
    return membership if membership is not None and membership.organisation_id == org.id else None


def _active_owner_count(org: Organisation) -> int:
    """Counted with the organisation's row locked (PostgreSQL), so that two owners demoting
    each other at the same moment cannot leave it without an owner."""
    db.session.execute(select(Organisation.id).where(Organisation.id == org.id).with_for_update())
    return db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.organisation_id == org.id,
            Membership.role == MembershipRole.OWNER,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )


def decide_membership(membership: Membership, action: str, actor: User) -> MembershipAction:
    """Accept or decline a request to join; remove a member, make them owner, or make an owner a member.

    A declined request and a removed member are deleted. Refuses (NotPermitted)
    anyone but the organisation's active owners and admins, and (MembershipRefused)
    an action that does not fit the membership's status, or that would leave the
    organisation without an active owner.
    """
    org = membership.organisation
    if not permissions.can_manage_organisation(actor, org):
        raise NotPermitted(_("Only the organisation's owners can decide on its members."))
    try:
        action = MembershipAction(action)
    except ValueError:
        raise MembershipRefused(_("Unknown action.")) from None
    pending = membership.status == MembershipStatus.PENDING
    if pending != (action in (MembershipAction.ACCEPT, MembershipAction.DECLINE)):
        raise MembershipRefused(_("This action does not fit this membership any more. Reload the page."))
    last_owner = (
        membership.role == MembershipRole.OWNER and membership.is_active and _active_owner_count(org) <= 1
    )
    if last_owner and action in (MembershipAction.REMOVE, MembershipAction.MAKE_MEMBER):
        raise MembershipRefused(
            _("An organisation needs at least one owner. Make someone else owner first.")
        )
    if action == MembershipAction.ACCEPT:
        membership.status = MembershipStatus.ACTIVE
        membership.decided_at = utcnow()
    elif action in (MembershipAction.DECLINE, MembershipAction.REMOVE):
        org.memberships.remove(membership)
        db.session.delete(membership)
    elif action == MembershipAction.MAKE_OWNER:
        membership.role = MembershipRole.OWNER
    else:
        membership.role = MembershipRole.MEMBER
    db.session.flush()
    return action


def add_member(org: Organisation, user: User, role: MembershipRole = MembershipRole.MEMBER) -> Membership:
    """Make `user` an active member of `org` directly (command line and demo data); an existing
    membership is made active with the higher of the two roles. Never refuses."""
    membership = next((m for m in org.memberships if m.user_id == user.id), None) if user.id else None
    if membership is None:
        membership = Membership(user=user, organisation=org, role=role, status=MembershipStatus.ACTIVE)
        db.session.add(membership)
    else:
        membership.status = MembershipStatus.ACTIVE
        if role == MembershipRole.OWNER:
            membership.role = MembershipRole.OWNER
    membership.decided_at = membership.decided_at or utcnow()
    db.session.flush()
    return membership
