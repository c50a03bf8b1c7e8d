"""Who may do what with accounts and organisations: the platform's roles, the admin pages, seeing,
managing and joining organisations."""

from app.accounts.models import UserRole
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation
from app.permissions.base import is_active_member, is_active_owner, is_confirmed, is_signed_in, membership_of

# Accounts -----------------------------------------------------------------------------------------


def is_admin(user) -> bool:
    """Platform staff. Refuses anonymous visitors, deactivated accounts and every other role."""
    return is_signed_in(user) and user.role == UserRole.ADMIN


def is_reviewer(user) -> bool:
    """Programme reviewers (whatever their regions). Refuses anonymous, deactivated and other roles."""
    return is_signed_in(user) and user.role == UserRole.REVIEWER


def can_manage_users(user) -> bool:
    """The admin pages for people, roles and reviewer regions. Refuses everyone but admins."""
    return is_admin(user)


# Organisations ------------------------------------------------------------------------------------


def is_partner_of(user, org: Organisation) -> bool:
    """An active owner or member of a *verified* organisation.

    Refuses anonymous visitors, deactivated accounts, pending requests to join,
    and everyone while the organisation is not verified.
    """
    return org is not None and bool(org.verified) and is_active_member(user, org)


def is_member_of(user, org: Organisation) -> bool:
    """Any membership of `org`, pending or active, whatever the organisation's status.

    Used for conflicts of interest. Refuses anonymous visitors and deactivated accounts.
    """
    return membership_of(user, org) is not None


def can_view_organisation(user, org: Organisation) -> bool:
    """Verified organisations are public. An unverified one is seen only by its active
    members and by admins; everyone else (anonymous, pending requests included) is refused."""
    if org is None:
        return False
    if org.verified:
        return True
    return is_admin(user) or is_active_member(user, org)


def can_manage_organisation(user, org: Organisation) -> bool:
    """Edit the organisation and decide on its memberships: its active owners and admins.

    Refuses plain members, pending requests, owners of other organisations,
    reviewers, anonymous visitors and deactivated accounts.
    """
    return org is not None and (is_admin(user) or is_active_owner(user, org))


def can_view_members(user, org: Organisation) -> bool:
    """See who belongs to the organisation: its active members (any role) and admins.

    Refuses visitors, community members, pending requests and other organisations' people.
    """
    return org is not None and (is_admin(user) or is_active_member(user, org))


def can_create_organisation(user) -> bool:
    """Register a new organisation: any active account whose e-mail address is confirmed.

    Refuses anonymous visitors, deactivated accounts and unconfirmed addresses.
    """
    return is_confirmed(user)


def can_request_to_join(user, org: Organisation) -> bool:
    """Ask to join a verified organisation: an active account with a confirmed e-mail address
    that has no membership (pending or active) there yet.

    Refuses anonymous visitors, deactivated accounts, unconfirmed addresses, people who
    already belong or already asked, and organisations that are not verified.
    """
    return org is not None and bool(org.verified) and is_confirmed(user) and membership_of(user, org) is None


def must_confirm_address_to_join(user, org: Organisation) -> bool:
    """Whether an unconfirmed e-mail address is what keeps `user` from asking to join `org`: a
    signed-in account whose address is not confirmed, with no membership (pending or active) of a
    verified organisation. False for everyone else: anonymous visitors, confirmed accounts, people
    who already belong or asked, and organisations that are not verified."""
    return (
        org is not None
        and bool(org.verified)
        and is_signed_in(user)
        and user.email_verified_at is None
        and membership_of(user, org) is None
    )


def can_verify_organisation(user, org: Organisation) -> bool:
    """Mark an organisation verified or not: admins only."""
    return is_admin(user) and org is not None


# Memberships: what a manager may change about an active member -------------------------------


def is_only_owner(membership: Membership, active_owner_count: int) -> bool:
    """Whether `membership` is the one active owner of its organisation, which has
    `active_owner_count` active owners: an organisation needs one, so nobody removes this owner or
    makes them a member. False for plain members, pending requests and owners who have company."""
    return (
        membership.status == MembershipStatus.ACTIVE
        and membership.role == MembershipRole.OWNER
        and active_owner_count <= 1
    )


def can_make_owner(user, membership: Membership) -> bool:
    """Make an active member an owner: the organisation's managers (can_manage_organisation).
    Refuses everyone else, pending requests (accepted first) and those who are owners already."""
    return (
        membership.status == MembershipStatus.ACTIVE
        and membership.role == MembershipRole.MEMBER
        and can_manage_organisation(user, membership.organisation)
    )


def can_make_member(user, membership: Membership, active_owner_count: int) -> bool:
    """Make an active owner a plain member: the organisation's managers (can_manage_organisation).
    Refuses everyone else, members, pending requests and the organisation's only active owner
    (is_only_owner, with its `active_owner_count` active owners)."""
    return (
        membership.status == MembershipStatus.ACTIVE
        and membership.role == MembershipRole.OWNER
        and not is_only_owner(membership, active_owner_count)
        and can_manage_organisation(user, membership.organisation)
    )


def can_remove_member(user, membership: Membership, active_owner_count: int) -> bool:
    """Remove an active member or owner from the organisation: its managers (can_manage_organisation).
    Refuses everyone else, pending requests (declined instead) and the organisation's only active
    owner (is_only_owner, with its `active_owner_count` active owners)."""
    return (
        membership.status == MembershipStatus.ACTIVE
        and not is_only_owner(membership, active_owner_count)
        and can_manage_organisation(user, membership.organisation)
    )
