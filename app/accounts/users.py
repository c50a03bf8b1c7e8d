"""People seen by admins and the command line: the user list, roles, reviewer regions, deactivation,
and accounts created without registering.

These functions flush; the request or the command line commits.
"""

from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app import permissions
from app.accounts import passwords
from app.accounts.models import ReviewerRegion, User, UserRole, normalise_email
from app.core.columns import utcnow
from app.core.errors import DomainError, NotPermitted
from app.core.extensions import db
from app.core.text import NAME_MAX, clean_name, is_blank, name_problem
from app.organisations.models import Membership
from app.reference.names import REGIONS


class UserInvalid(DomainError):
    """Some fields are wrong; `errors` maps field names to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


@dataclass
class UserChanges:
    role: str
    regions: list[str] = field(default_factory=list)
    active: bool = True


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email or "")))


def active_admins() -> list[User]:
    """Every active admin account, by id (those to tell of what waits for an admin)."""
    query = select(User).where(User.role == UserRole.ADMIN, User.active.is_(True)).order_by(User.id)
    return list(db.session.scalars(query))


def search_users(q: str = "", role: str | None = None, page: int = 1, per_page: int = 25):
    """One page of people whose name or e-mail contains `q`, optionally with one role, by name.

    Their regions and organisations are loaded with them (a fixed number of queries).
    """
    query = select(User).options(
        selectinload(User.reviewer_regions),
        selectinload(User.memberships).joinedload(Membership.organisation),
    )
    if q := (q or "").strip():
        pattern = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                func.lower(User.name).like(pattern, escape="\\"),
                func.lower(User.email).like(pattern, escape="\\"),
            )
        )
    if role:
        query = query.where(User.role == role)
    query = query.order_by(func.lower(User.name), User.id)
    return db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False)


def check_regions(role: str, regions: list[str]) -> dict[str, str]:
    """Reviewers need at least one known region; other roles have none."""
    if unknown := [r for r in regions if r not in REGIONS]:
        return {"regions": _("Unknown region: %(regions)s.", regions=", ".join(unknown))}
    if role == UserRole.REVIEWER and not regions:
        return {"regions": _("A reviewer needs at least one region.")}
    if role != UserRole.REVIEWER and regions:
        return {"regions": _("Only reviewers have regions.")}
    return {}


def _set_regions(user: User, regions: list[str]) -> None:
    wanted = list(dict.fromkeys(regions))
    kept = [r for r in user.reviewer_regions if r.region_key in wanted]
    have = {r.region_key for r in kept}
    user.reviewer_regions = kept + [ReviewerRegion(region_key=key) for key in wanted if key not in have]


def update_user(user: User, changes: UserChanges, actor: User) -> bool:
    """Change a person's role, reviewer regions and whether the account is active.

    Deactivating rotates the session token, which ends every session of the person.
    Regions are cleared when the role is not `reviewer`. Returns True when the account
    was deactivated by this change.

    Refuses (NotPermitted) anyone but admins, and (UserInvalid) an unknown role or region,
    a reviewer without regions, and an admin who would demote or deactivate themselves.
    """
    if not permissions.can_manage_users(actor):
        raise NotPermitted(_("Only admins can change accounts."))
    errors = {}
    if changes.role not in set(UserRole):
        errors["role"] = _("Choose a role from the list.")
    regions = list(changes.regions) if changes.role == UserRole.REVIEWER else []
    errors.update(check_regions(changes.role, regions))
    if user.id == actor.id:
        if changes.role != UserRole.ADMIN:
            errors["role"] = _("You cannot remove your own admin role. Ask another admin.")
        if not changes.active:
            errors["active"] = _("You cannot deactivate your own account. Ask another admin.")
    if errors:
        raise UserInvalid(errors)
    deactivated = user.active and not changes.active
    user.role = UserRole(changes.role)
    _set_regions(user, regions)
    user.active = changes.active
    if deactivated:
        user.rotate_session_token()
    db.session.flush()
    return deactivated


# Accounts made by the command line and the demo data ----------------------------------------------


def password_problems(password: str, email: str, name: str) -> list[str]:
    """The password policy's objections (app.accounts.passwords), as sentences."""
    problems = passwords.password_problems(password, email=email, name=name)
    return [str(getattr(p, "message", p)) for p in problems]


def clean_email(email: str) -> str:
    """The normalised address; refuses (UserInvalid) one that is not an e-mail address."""
    try:
        validate_email(email or "", check_deliverability=False)
    except EmailNotValidError:
        raise UserInvalid({"email": _("'%(email)s' is not a valid e-mail address.", email=email)}) from None
    return normalise_email(email)


def create_user(
    email: str, name: str, role: str, password: str, regions: list[str] = (), locale: str = "en"
) -> User:
    """Create an active account whose e-mail address counts as confirmed.

    Refuses (UserInvalid) an invalid or already registered e-mail, an empty or
    too long name, an unknown role or region, a reviewer without regions or
    regions for another role, and a password the policy refuses.
    """
    errors = {}
    try:
        email = clean_email(email)
    except UserInvalid as error:
        errors.update(error.errors)
    else:
        if find_by_email(email) is not None:
            errors["email"] = _("An account with the e-mail address %(email)s already exists.", email=email)
    name = clean_name(name)
    if is_blank(name):
        errors["name"] = _("Please enter a name.")
    elif len(name) > NAME_MAX:
        errors["name"] = _("The name is too long (at most %(max)d characters).", max=NAME_MAX)
    elif problem := name_problem(name):
        errors["name"] = problem
    if role not in set(UserRole):
        errors["role"] = _("Choose a role from the list.")
    errors.update(check_regions(role, list(regions)))
    if problems := password_problems(password, email, name):
        errors["password"] = " ".join(problems)
    if errors:
        raise UserInvalid(errors)
    user = User(email=email, name=name, role=UserRole(role), locale=locale, email_verified_at=utcnow())
    user.set_password(password)
    _set_regions(user, list(regions))
    db.session.add(user)
    db.session.flush()
    return user
