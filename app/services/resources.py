"""Resource pooling: needs, pledges, the pool of offers, matching and progress.

The lab records commitments; it processes no payments. Every write checks its rule in
app.permissions again, takes the project's row lock where a stage matters, and records what it
changed: a pledge's status changes through one conditional UPDATE, so two partners deciding the
same pledge at once make one change and one event; the other gets ChangedMeanwhile.

Stages: needs are listed, edited and pledged to in NEED_STAGES; pledges are still decided during
completion_review; when the project ends (completed, rejected, withdrawn) its open needs close, its
pledged and accepted pledges close, and their pledgers are told.

Pledge lifecycle (PLEDGE_MOVES): pledged → accepted → fulfilled by the project's partners;
pledged → declined by the partners; pledged or accepted → withdrawn by the pledger.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.models import (
    Need,
    NeedKind,
    Offer,
    OfferRequest,
    Organisation,
    Pledge,
    PledgeEvent,
    PledgeStatus,
    Project,
    Stage,
    User,
)
from app.services.errors import DomainError

NEED_STAGES = frozenset({Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE})
DECISION_STAGES = NEED_STAGES | {Stage.COMPLETION_REVIEW}
OPEN_PLEDGE_STATUSES = frozenset({PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED})
# (from, to) → who may make the move: "partner" (permissions.can_decide_pledges) or "pledger".
PLEDGE_MOVES = {
    (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED): "partner",
    (PledgeStatus.PLEDGED, PledgeStatus.DECLINED): "partner",
    (PledgeStatus.ACCEPTED, PledgeStatus.FULFILLED): "partner",
    (PledgeStatus.PLEDGED, PledgeStatus.WITHDRAWN): "pledger",
    (PledgeStatus.ACCEPTED, PledgeStatus.WITHDRAWN): "pledger",
}
TITLE_MAX = 200
DESCRIPTION_MAX = 5_000
MESSAGE_MAX = 2_000


class ResourceInvalid(DomainError):
    """Some fields are wrong; `errors` maps field names to messages (HTTP 422 `invalid`)."""

    def __init__(self, errors: dict[str, str]):
        from flask_babel import gettext as _

        super().__init__(_("Some fields need correcting."))
        self.errors = errors


class PledgingClosed(DomainError):
    """The need is closed or the project does not take pledges at its stage (HTTP 409 `pledging_closed`)."""


class InvalidPledgeStatus(DomainError):
    """No such move from the pledge's current status (HTTP 409 `invalid_status`)."""


@dataclass(frozen=True)
class NeedProgress:
    """A need's progress: `committed` is accepted + fulfilled, `fulfilled` alone, `waiting` is pledged
    and not yet decided; `over` is how far committed exceeds the target (0 when it does not)."""

    need_id: int
    target: Decimal
    committed: Decimal
    fulfilled: Decimal
    waiting: Decimal
    pledge_count: int

    @property
    def over(self) -> Decimal:
        return max(self.committed - self.target, Decimal(0))

    @property
    def percent(self) -> int:
        """Committed against the target, 0–100 (capped; `over` says by how much it went past)."""
        ...


@dataclass(frozen=True)
class Total:
    """The sum over a project's needs of one (kind, unit): one per currency for funding, never mixed."""

    kind: NeedKind
    unit: str
    target: Decimal
    committed: Decimal
    fulfilled: Decimal


@dataclass(frozen=True)
class OfferFilters:
    kind: str | None = None
    country: str | None = None
    region: str | None = None

    def problems(self) -> dict[str, str]:
        """Field → message for filter values that are not valid keys."""
        ...


@dataclass(frozen=True)
class OfferPage:
    items: list[Offer]
    total: int


# Needs --------------------------------------------------------------------------------------------


def add_need(
    project: Project,
    actor: User,
    *,
    kind: str,
    title: str,
    description: str = "",
    quantity,
    unit: str = "",
    required: bool = True,
    locale=None,
) -> Need:
    """Add an open need. `quantity` is what the person typed (parsed in `locale`, see
    app.services.money.parse_quantity) or a Decimal. Refuses NotPermitted (permissions.can_manage_needs)
    and ResourceInvalid (field → message: kind, title, description, quantity, unit)."""
    ...


def edit_need(need: Need, project: Project, actor: User, *, title: str, description: str, quantity, unit: str,
              required: bool, kind: str | None = None, locale=None) -> Need:
    """Change an open need. Its kind and unit are fixed once it has pledges (ResourceInvalid otherwise).
    Refuses NotPermitted, PledgingClosed (a closed need) and ResourceInvalid."""
    ...


def close_need(need: Need, project: Project, actor: User) -> list[Pledge]:
    """Close a need: no more pledges. Its `pledged` pledges close and their pledgers are told; accepted
    ones stay (they can still be fulfilled or withdrawn); asked offer requests close. Answers the
    pledges closed. Refuses NotPermitted."""
    ...


def close_for_project(project: Project, actor: User | None) -> list[Pledge]:
    """The project ended (completed, rejected, withdrawn): close its open needs, its pledged and
    accepted pledges (one event each) and its asked offer requests; tell each pledger. Called by
    app.services.workflow.transition() inside the same transaction. Answers the pledges closed."""
    ...


def needs_of(project: Project) -> list[Need]:
    """The project's needs, open first, then by creation (one query)."""
    ...


# Pledges ------------------------------------------------------------------------------------------


def make_pledge(
    need: Need,
    project: Project,
    pledger: User,
    *,
    quantity,
    message: str = "",
    organisation: Organisation | str | None = None,
    submission_key: str | None = None,
    locale=None,
) -> tuple[Pledge, bool]:
    """Pledge `quantity` of the need's unit, optionally on behalf of an organisation the pledger is an
    active member of (an Organisation or its slug). Answers (pledge, created): the same
    `submission_key` from the same pledger answers the pledge it made the first time, created False
    (a double-click, a resent form, a retried API call). Tells the project's partners.

    Refuses NotPermitted (unconfirmed account, a member of the project's organisation...),
    PledgingClosed (closed need, project not in NEED_STAGES) and ResourceInvalid (quantity: zero,
    negative, not a number, too many decimals for the currency, absurdly large; message too long;
    organisation not one of the pledger's)."""
    ...


def pledge_moves(pledge: Pledge, project: Project, user) -> list[PledgeStatus]:
    """The statuses `user` may move this pledge to now (for buttons and the API)."""
    ...


def set_pledge_status(pledge: Pledge, project: Project, actor: User, status: str) -> PledgeEvent:
    """Move a pledge along PLEDGE_MOVES, by the right person only, through one conditional UPDATE (two
    people deciding at once: one wins, the other gets ChangedMeanwhile). Records a PledgeEvent and
    tells the pledger (or, on withdrawal, the partners).

    Refuses InvalidPledgeStatus (no such status, or no such move from the current one), NotPermitted
    (not the partner or pledger the move needs, or the project's stage) and ChangedMeanwhile."""
    ...


def pledges_of(project: Project) -> list[Pledge]:
    """All pledges to the project's needs, with their pledgers, newest first (one query)."""
    ...


def pledges_by(user: User) -> list[Pledge]:
    """The user's own pledges with their needs and projects, newest first (one query)."""
    ...


# Progress -----------------------------------------------------------------------------------------


def progress_of(needs: list[Need]) -> dict[int, NeedProgress]:
    """need id → NeedProgress, for all the given needs in ONE grouped query."""
    ...


def totals_of(project: Project) -> list[Total]:
    """Per (kind, unit) sums over the project's needs (closed ones included), funding currencies each
    on their own line, in one query."""
    ...


# The resource pool --------------------------------------------------------------------------------


def make_offer(
    offerer: User,
    *,
    kind: str,
    title: str,
    description: str = "",
    quantity,
    unit: str = "",
    countries: list[str],
    expires_on: date | str,
    organisation: Organisation | str | None = None,
    submission_key: str | None = None,
    locale=None,
) -> tuple[Offer, bool]:
    """Offer a resource to the pool. Answers (offer, created); the same submission_key answers the first
    offer. Refuses NotPermitted (permissions.can_offer) and ResourceInvalid (kind, title, quantity,
    unit, countries: at least one of the lab's ISO codes, expires_on: a date from today to two years
    ahead, organisation)."""
    ...


def withdraw_offer(offer: Offer, actor: User) -> None:
    """The offerer takes an open offer back; its asked requests close. Refuses NotPermitted and
    PledgingClosed (not open any more)."""
    ...


def open_offers(filters: OfferFilters, *, page: int = 1, per_page: int = 20, today: date | None = None) -> OfferPage:
    """Open, unexpired offers (expires_on >= today), soonest expiry first, filtered by kind and by a
    country (or a region: any of its countries); two queries whatever the page size."""
    ...


def offers_by(user: User) -> list[Offer]:
    """The user's own offers, every status, newest first, with their requests loaded."""
    ...


def matching_offers(need: Need, project: Project, *, limit: int = 5, today: date | None = None) -> list[Offer]:
    """Open, unexpired offers of the need's kind available in the project's country, then in another
    country of its region, soonest expiry next; never the offers of the project's own partners. One query."""
    ...


def ask_offer(offer: Offer, need: Need, project: Project, actor: User, *, quantity=None, message: str = "",
              locale=None) -> OfferRequest:
    """The project's partners ask the offerer for an offer to meet a need (`quantity` in the need's unit,
    the offer's own quantity by default). Tells the offerer. Refuses NotPermitted
    (permissions.can_manage_needs), PledgingClosed (need closed, offer not open or expired),
    ResourceInvalid (kind differs, bad quantity, already asked)."""
    ...


def answer_request(offer_request: OfferRequest, actor: User, *, confirm: bool) -> Pledge | None:
    """The offerer answers a request. Confirming turns the offer into an accepted pledge of the
    request's quantity against the need (events: pledged, then accepted), marks the offer pledged and
    closes its other requests; declining closes this request. Tells the partners. Refuses NotPermitted
    (permissions.can_manage_offer), PledgingClosed (the need, project stage or offer moved on) and
    ChangedMeanwhile (answered already)."""
    ...


def requests_for(user: User) -> list[OfferRequest]:
    """Requests waiting for the user's answer (status asked) on their offers, newest first."""
    ...
