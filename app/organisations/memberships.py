"""An organisation's people: asking to join, the owners' decisions on requests and members, and adding a
member directly (command line and demo data).

These functions flush; the caller commits, then sends any e-mail.
"""

from enum import StrEnum

from flask_babel import gettext as _
from sqlalchemy import func, select

from app import permissions
from app.accounts.models import User
from app.core.columns import utcnow
from app.core.errors import DomainError, NotPermitted
from app.core.extensions import db
from app.organisations.models import FormerMembership, Membership, MembershipRole, MembershipStatus, Organisation


class MembershipRefused(DomainError):
    """A membership change that the rules do not allow (already a member, last owner...)."""


class MembershipAction(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    REMOVE = "remove"
    MAKE_OWNER = "make_owner"
    MAKE_MEMBER = "make_member"


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

    A declined request and a removed member are deleted; a removed member's membership is kept as a
    FormerMembership (role, joined, left). Refuses (NotPermitted)
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
        if membership.is_active:  # kept for the conflicts of interest (app.permissions.conflict_of_interest)
            db.session.add(
                FormerMembership(
                    user_id=membership.user_id,
                    organisation_id=org.id,
                    role=membership.role,
                    joined_at=membership.decided_at or membership.created_at,
                    left_at=utcnow(),
                )
            )
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
