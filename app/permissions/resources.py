"""Who may do what in resource pooling: needs, pledges and offers."""

from app.permissions import accounts as account_rules
from app.permissions import projects as project_rules
from app.permissions.base import is_confirmed, is_signed_in
from app.projects.models import DECISION_STAGES, NEED_STAGES
from app.resources.models import NeedStatus, PledgeStatus

# Resource pooling: needs, pledges, offers -----------------------------------------------------------


def can_manage_needs(user, project) -> bool:
    """Add, edit and close a project's needs, and ask offerers for their offers: partners of its
    (verified) organisation while the project stands in incubating, launch_review or active. Refuses
    everyone else: community members, other organisations, reviewers, admins who are not partners,
    and every other stage."""

    return project.stage in NEED_STAGES and account_rules.is_partner_of(user, project.organisation)


def can_decide_pledges(user, project) -> bool:
    """Accept, decline or mark fulfilled the pledges made to a project's needs: its partners while the
    project takes pledges, and during completion_review (pledges accepted earlier may still arrive).
    Refuses everyone else and every other stage."""

    return project.stage in DECISION_STAGES and account_rules.is_partner_of(user, project.organisation)


def can_view_pledges(user, project) -> bool:
    """See who pledged and their messages: the project's partners (any stage) and admins. Everyone
    else who may view the project sees the needs, their progress and the pledge counts only."""
    return is_signed_in(user) and (user.is_admin or account_rules.is_partner_of(user, project.organisation))


def can_see_pledge(user, pledge, project) -> bool:
    """See one pledge: its pledger, and those who see the project's pledges (can_view_pledges). To
    everyone else it does not exist."""
    own = pledge.pledger_id is not None and pledge.pledger_id == getattr(user, "id", None)
    return own or (can_view_pledges(user, project) and project_rules.can_view_project(user, project))


def can_pledge(user, need, project) -> bool:
    """Pledge against a need: an active account with a confirmed e-mail address, on an open need of a
    project it may view that stands in incubating, launch_review or active, and that is not run by
    one of its own organisations (those change the need instead). Refuses anonymous visitors,
    deactivated accounts, unconfirmed addresses, closed needs and every other stage."""

    return (
        is_confirmed(user)
        and need.project_id == project.id
        and need.status == NeedStatus.OPEN
        and project.stage in NEED_STAGES
        and project_rules.can_view_project(user, project)
        and not account_rules.is_member_of(user, project.organisation)
    )


def can_withdraw_pledge(user, pledge) -> bool:
    """Withdraw a pledge: its pledger (active account), while it is pledged or accepted. Refuses
    everyone else, the project's partners included (they decline), and settled pledges."""

    return (
        is_signed_in(user)
        and pledge.pledger_id is not None
        and pledge.pledger_id == user.id
        and pledge.status in (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED)
    )


def can_offer(user) -> bool:
    """Offer a resource to the pool: an active account with a confirmed e-mail address."""
    return is_confirmed(user)


def can_manage_offer(user, offer) -> bool:
    """Withdraw an offer and answer the requests made for it: its offerer (active account)."""
    return is_signed_in(user) and offer.offerer_id is not None and offer.offerer_id == user.id
