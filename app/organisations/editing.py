"""Registering a partner organisation, changing its details, and its verification by the admins.

These functions flush; the request commits (app.core.transaction) and its e-mails go after the commit.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import select

from app import permissions
from app.accounts.models import User
from app.community import safeguarding
from app.core.columns import utcnow
from app.core.errors import ChangedMeanwhile, DomainError, FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.text import check_text
from app.organisations.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationChange,
)
from app.reference.models import Theme
from app.reference.names import COUNTRIES, THEMES

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 80
NAME_MAX = 200
WEBSITE_MAX = 300
DESCRIPTION_MAX = 5000


class OrganisationInvalid(FieldsInvalid):
    """Some fields are wrong; `errors` maps field names to messages."""


@dataclass
class OrganisationData:
    name: str
    country: str
    slug: str = ""
    description: str = ""
    themes: list[str] = field(default_factory=list)
    website: str = ""


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
    check_text(errors, "name", cleaned.name, NAME_MAX)
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
    check_text(errors, "description", cleaned.description, DESCRIPTION_MAX, multiline=True)
    if "description" not in errors and (findings := safeguarding.screen(cleaned.description)):
        errors["description"] = safeguarding.advice(findings)  # public in the directory, never held
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


def update_organisation(org: Organisation, data: OrganisationData, actor: User) -> bool:
    """Change an organisation's details. Returns True when a new name or country now waits for an
    admin's approval (the admins are to be told).

    People trust a verified organisation by its name and country: an owner's change of either keeps
    the organisation as it is (name, country and verification) and waits, as a request, for an admin
    to approve or decline it (decide_requested_change); the other details change at once. Giving the
    current name and country back withdraws a request. An admin's change, and any change of an
    unverified organisation, applies at once.

    Refuses (NotPermitted) anyone but its active owners and admins, and
    (OrganisationInvalid) wrong fields or a slug another organisation uses.
    An empty slug keeps the current one.
    """
    if not permissions.can_manage_organisation(actor, org):
        raise NotPermitted(_("Only the organisation's owners can change it."))
    cleaned, errors = clean(data, org)
    if errors:
        raise OrganisationInvalid(errors)
    wanted = (cleaned.name, cleaned.country)
    asked = org.requested_change
    newly_requested = False
    if wanted == (org.name, org.country_code) or not org.verified or permissions.is_admin(actor):
        org.name, org.country_code = wanted
        org.requested_change = None
    elif asked is None or wanted != (asked.name, asked.country_code):
        org.requested_change = None
        db.session.flush()  # the older request goes before the new one takes its key
        org.requested_change = OrganisationChange(name=wanted[0], country_code=wanted[1], requested_by_id=actor.id)
        newly_requested = True
    org.slug = cleaned.slug or org.slug
    org.description = cleaned.description
    org.website = cleaned.website
    org.themes = _themes(cleaned.themes)
    db.session.flush()
    return newly_requested


def decide_requested_change(
    org: Organisation, approve: bool, actor: User, *, seen_name: str, seen_country: str
) -> tuple[str, str]:
    """Approve (the organisation takes the new name and country, and stays verified) or decline (it
    keeps its own) the change its owners asked for; returns the name and country that were asked for.

    Refuses (NotPermitted) anyone but admins, (DomainError) when no change is asked for, and
    (ChangedMeanwhile) when the change asked for is no longer the one the admin saw.
    """
    if not permissions.can_verify_organisation(actor, org):
        raise NotPermitted(_("Only admins can approve a new name or country."))
    change = org.requested_change
    if change is None:
        raise DomainError(_("%(org)s asks for no new name or country.", org=org.name))
    asked = (change.name, change.country_code)
    if asked != (seen_name, seen_country):
        raise ChangedMeanwhile(_("The owners changed their request meanwhile. Please look at it again."))
    if approve:
        org.name, org.country_code = asked
    org.requested_change = None
    db.session.flush()
    return asked


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
