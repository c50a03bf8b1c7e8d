"""Who may do what with calls for ideas and ideas: opening and editing calls, posting, supporting,
offering help, merging, archiving and adopting ideas."""

from app.ideas.models import Call, Idea, IdeaStatus
from app.permissions import accounts as account_rules
from app.permissions.base import is_author, is_confirmed, is_signed_in
from app.reference.names import COUNTRIES, REGIONS

# Calls --------------------------------------------------------------------------------------------


def call_regions(regions, countries) -> set[str]:
    """The regions a call reaches: its regions and those of its countries; every region when it names none."""
    reached = set(regions or ()) | {COUNTRIES[c][0] for c in countries or () if c in COUNTRIES}
    return reached or set(REGIONS)


def can_open_call(user, regions=(), countries=()) -> bool:
    """Admins, for any place; reviewers for calls whose regions and countries lie within their own
    regions (a call for every country needs every region). Refuses everyone else."""
    if not is_confirmed(user):
        return False
    if account_rules.is_admin(user):
        return True
    return account_rules.is_reviewer(user) and call_regions(regions, countries) <= user.region_keys


def can_open_calls(user) -> bool:
    """Show the call form at all: admins, and reviewers with at least one region."""
    return is_confirmed(user) and (
        account_rules.is_admin(user) or (account_rules.is_reviewer(user) and bool(user.region_keys))
    )


def can_edit_call(user, call: Call) -> bool:
    """Those who could open this call for its places (admins; reviewers of all its regions)."""
    return call is not None and can_open_call(user, call.regions, call.countries)


# Ideas --------------------------------------------------------------------------------------------


def can_post_idea(user) -> bool:
    """Any signed-in account whose e-mail address is confirmed."""
    return is_confirmed(user)


def can_moderate_ideas(user) -> bool:
    """Merge ideas, read held ones: reviewers and admins."""
    return is_confirmed(user) and (account_rules.is_reviewer(user) or account_rules.is_admin(user))


def can_view_idea(user, idea: Idea) -> bool:
    """Everyone, except for an idea held by the safeguarding screen: its author and the moderators."""
    if idea is None:
        return False
    if not idea.held:
        return True
    return is_author(user, idea.author_id) or can_moderate_ideas(user)


def can_edit_idea(user, idea: Idea) -> bool:
    """Its author, while the idea is open."""
    return idea.status == IdeaStatus.OPEN and is_signed_in(user) and is_author(user, idea.author_id)


def can_support_idea(user, idea: Idea) -> bool:
    """Confirmed accounts other than its author, on a visible idea that is open or adopted."""
    return (
        is_confirmed(user)
        and not idea.held
        and idea.status in (IdeaStatus.OPEN, IdeaStatus.ADOPTED)
        and not is_author(user, idea.author_id)
    )


def can_offer_help(user, idea: Idea) -> bool:
    """As for supporting: someone else than its author, on an open or adopted idea."""
    return can_support_idea(user, idea)


def can_merge_idea(user, idea: Idea) -> bool:
    """Reviewers and admins, on an idea that is open or adopted."""
    return can_moderate_ideas(user) and idea.status in (IdeaStatus.OPEN, IdeaStatus.ADOPTED)


def can_archive_idea(user, idea: Idea) -> bool:
    """Its author, reviewers and admins, on an idea that is open or adopted."""
    if idea.status not in (IdeaStatus.OPEN, IdeaStatus.ADOPTED) or not is_signed_in(user):
        return False
    return is_author(user, idea.author_id) or can_moderate_ideas(user)


def can_adopt_idea(user, idea: Idea, organisation=None) -> bool:
    """Partners of a verified organisation (of `organisation`, when given), on a visible idea that is
    open or already adopted by others. Refuses merged and archived ideas."""
    if idea is None or idea.held or idea.status not in (IdeaStatus.OPEN, IdeaStatus.ADOPTED):
        return False
    if organisation is not None:
        return account_rules.is_partner_of(user, organisation)
    return is_signed_in(user) and any(
        account_rules.is_partner_of(user, m.organisation) for m in user.memberships
    )
