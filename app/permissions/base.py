"""What the rules are made of: whether someone is signed in, has confirmed their e-mail address,
belongs to an organisation. Not rules themselves: the modules beside this one build on them."""

from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation


def is_signed_in(user) -> bool:
    """A real, active account (not None, not anonymous, not deactivated)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(getattr(user, "active", False))


def is_confirmed(user) -> bool:
    """A signed-in account whose e-mail address is confirmed."""
    return is_signed_in(user) and user.email_verified_at is not None


def membership_of(user, org: Organisation) -> Membership | None:
    """The user's membership of `org` in any status, or None."""
    if not is_signed_in(user) or org is None:
        return None
    return next((m for m in user.memberships if m.organisation_id == org.id), None)


def is_active_member(user, org: Organisation) -> bool:
    """An active membership of `org`, owner or member (a pending request is not one)."""
    membership = membership_of(user, org)
    return membership is not None and membership.status == MembershipStatus.ACTIVE


def is_active_owner(user, org: Organisation) -> bool:
    """An active membership of `org` as its owner."""
    membership = membership_of(user, org)
    return (
        membership is not None
        and membership.status == MembershipStatus.ACTIVE
        and membership.role == MembershipRole.OWNER
    )


def is_author(user, author_id) -> bool:
    """The signed-in account whose id is `author_id` (never a match for a removed author)."""
    return author_id is not None and is_signed_in(user) and user.id == author_id
