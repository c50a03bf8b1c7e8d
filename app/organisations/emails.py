"""The organisations' e-mails, each in the recipient's language. Queued to run after the commit."""

from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.accounts.users import active_admins
from app.core.mail import external_url, send_email
from app.organisations.memberships import MembershipAction, owners
from app.organisations.models import Organisation


def tell_owners_of_join_request(org: Organisation, person: User) -> None:
    """E-mail each owner of `org`, in their language, that `person` asks to join (queued after the commit)."""
    for owner in owners(org):
        send_email(
            owner.email,
            _l("%(name)s asks to join %(org)s", name=person.name, org=org.name),
            "organisation_join_request",
            locale=owner.locale,
            recipient=owner,
            person=person,
            org=org,
            url=external_url("organisations.show", slug=org.slug),
        )


def membership_news(action: MembershipAction, org: Organisation) -> tuple[str, str]:
    """The e-mail (template, lazy subject in the recipient's language) telling a person about a decision."""
    A, name = MembershipAction, org.name
    return {
        A.ACCEPT: ("organisation_membership_accepted", _l("You are now a member of %(org)s", org=name)),
        A.DECLINE: ("organisation_membership_declined", _l("Your request to join %(org)s", org=name)),
        A.REMOVE: ("organisation_membership_removed", _l("You are no longer a member of %(org)s", org=name)),
        A.MAKE_OWNER: ("organisation_membership_owner", _l("You are now an owner of %(org)s", org=name)),
        A.MAKE_MEMBER: ("organisation_membership_member", _l("Your role in %(org)s has changed", org=name)),
    }[action]


def tell_of_membership_decision(action: MembershipAction, org: Organisation, person: User) -> None:
    """E-mail `person`, in their language, the decision on their membership (queued after the commit)."""
    template, subject = membership_news(action, org)
    send_email(
        person.email,
        subject,
        template,
        locale=person.locale,
        recipient=person,
        org=org,
        url=external_url("organisations.show", slug=org.slug),
    )


def tell_owners_of_verification(org: Organisation) -> None:
    """E-mail each owner of `org`, in their language, that it is verified (queued after the commit)."""
    for owner in owners(org):
        send_email(
            owner.email,
            _l("%(org)s is verified", org=org.name),
            "organisation_verified",
            locale=owner.locale,
            recipient=owner,
            org=org,
            url=external_url("organisations.show", slug=org.slug),
        )


def tell_admins_of_requested_change(org: Organisation) -> None:
    """E-mail each active admin, in their language, that verified `org` asks for a new name or country
    (queued after the commit)."""
    for admin in active_admins():
        send_email(
            admin.email,
            _l("%(org)s asks for a new name or country", org=org.name),
            "organisation_change_requested",
            locale=admin.locale,
            recipient=admin,
            org=org,
            url=external_url("admin.organisations"),
        )


def tell_owners_of_change_decision(org: Organisation, approved: bool, asked: tuple[str, str]) -> None:
    """E-mail each owner of `org`, in their language, the admins' answer to the new name and country
    they asked for (queued after the commit)."""
    subject = (
        _l("The new name of %(org)s is approved", org=org.name)
        if approved
        else _l("The new name of %(org)s was not approved", org=org.name)
    )
    for owner in owners(org):
        send_email(
            owner.email,
            subject,
            "organisation_change_decided",
            locale=owner.locale,
            recipient=owner,
            org=org,
            approved=approved,
            asked_name=asked[0],
            asked_country=asked[1],
            url=external_url("organisations.show", slug=org.slug),
        )
