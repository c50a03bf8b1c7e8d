"""API: a project's needs, the pledges made against them and their status.

GET   /projects/{id}/needs      `{items, totals}`: the needs, open first, each with its `progress`, and
                                its `pledges` (null for callers who may not see who pledged); `totals`
                                per (kind, unit), one line per currency.
POST  /projects/{id}/needs      `{kind, title, description, quantity, unit, required}` by the partners.
GET   /needs/{id}               one need, as in the list.
PATCH /needs/{id}               the fields present in the body (kind and unit are fixed once pledged to).
POST  /needs/{id}/close         no more pledges; its `pledged` pledges close.
POST  /needs/{id}/pledges       `{quantity, message, organisation}`; an `Idempotency-Key` header
                                (at most 64 characters) answers the pledge it made the first time (200).
GET   /pledges/{id}             one pledge, for its pledger, the project's partners and admins.
POST  /pledges/{id}/status      `{status}`: accepted, declined, fulfilled (partners), withdrawn (pledger).

Quantities are strings in plain notation with the unit's own precision ("1500" XOF, "12.50" hours,
"2.125" TND); they are read from a JSON number or such a string, never rounded.

| refusal                                                         | status | code              |
|-----------------------------------------------------------------|--------|-------------------|
| a malformed body; an Idempotency-Key over 64 characters         | 400    | `bad_request`     |
| no token (writes)                                               | 401    | `unauthorized`    |
| an unconfirmed e-mail address; not the person the move needs    | 403    | `forbidden`       |
| (needs) not a partner of the project's organisation             | 403    | `forbidden`       |
| a project the caller may not view; a pledge the caller may not  | 404    | `not_found`       |
| view (only its pledger, the project's partners and admins may)  |        |                   |
| a closed need, or a stage that takes no pledges or needs        | 409    | `pledging_closed` |
| no such move from the pledge's current status                   | 409    | `invalid_status`  |
| someone decided the pledge meanwhile                            | 409    | `conflict`        |
| a bad field (one details entry per field); an Idempotency-Key   | 422    | `invalid`         |
| already used for another need                                   |        |                   |
| too many posts (RATELIMIT_POST, shared with the web)            | 429    | `rate_limited`    |
"""

from decimal import Decimal

from flask import g, request
from flask_babel import gettext as _

from app import permissions
from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.body import read_body
from app.api.projects import project_or_404
from app.api.refusals import ApiError, field_details, invalid, not_found
from app.api.schemas.base import OrganisationRef
from app.api.schemas.resources import (
    IdempotencyHeaders,
    Need,
    NeedCreate,
    NeedEdit,
    NeedList,
    NeedTotal,
    Pledge,
    PledgeCreate,
    PledgeStatusRequest,
)
from app.api.spec import TOKEN, operation
from app.core.errors import NotPermitted
from app.core.json_errors import error_response
from app.core.limits import resource_limit
from app.projects.models import NEED_STAGES, Project
from app.resources import money
from app.resources import needs as need_service
from app.resources import pledges as pledge_service
from app.resources import progress as progress_service
from app.resources.models import Need as NeedRow
from app.resources.models import NeedKind, PledgeStatus
from app.resources.models import Pledge as PledgeRow
from app.resources.progress import NeedProgress
from app.resources.refusals import InvalidPledgeStatus, PledgingClosed, ResourceInvalid

IDEMPOTENCY_KEY = "Idempotency-Key"
KEY_MAX = 64

@bp.errorhandler(ResourceInvalid)
def handle_resource_invalid(error: ResourceInvalid):
    """422 `invalid`, one entry per field; the service's `submission_key` is the API's Idempotency-Key."""
    errors = dict(error.errors)
    if "submission_key" in errors:
        del errors["submission_key"]
        errors[IDEMPOTENCY_KEY] = _("You used this key before for a pledge to another need: send a new key.")
    return error_response(422, "invalid", str(error.message), field_details(errors))


@bp.errorhandler(PledgingClosed)
def handle_pledging_closed(error: PledgingClosed):
    return error_response(409, "pledging_closed", str(error.message))


@bp.errorhandler(InvalidPledgeStatus)
def handle_invalid_status(error: InvalidPledgeStatus):
    return error_response(409, "invalid_status", str(error.message))


# Reading and writing quantities -------------------------------------------------------------------


def quantity_text(value: Decimal, kind: NeedKind, unit: str) -> str:
    """A quantity in plain notation with the unit's precision: "1500", "12.50", "2.125"."""
    return f"{value.quantize(Decimal(1).scaleb(-money.precision(kind, unit))):f}"


def submission_key() -> str | None:
    """The Idempotency-Key header (at most 64 characters), or None."""
    key = request.headers.get(IDEMPOTENCY_KEY, "").strip()
    if len(key) > KEY_MAX:
        message = _("The Idempotency-Key header can be at most %(max)d characters long.", max=KEY_MAX)
        raise ApiError(400, "bad_request", message, [{"field": IDEMPOTENCY_KEY, "message": message}])
    return key or None


# Answers ------------------------------------------------------------------------------------------


def organisation_ref(organisation) -> OrganisationRef | None:
    return OrganisationRef(slug=organisation.slug, name=organisation.name) if organisation else None


def pledge_answer(pledge: PledgeRow, need: NeedRow, moves: list[PledgeStatus] | None = None) -> Pledge:
    """A pledge, for the few who may see it: its pledger, the project's partners, admins."""
    return Pledge(
        id=pledge.id,
        need_id=pledge.need_id,
        project_id=pledge.project_id,
        quantity=quantity_text(pledge.quantity, need.kind, need.unit),
        unit=need.unit,
        status=pledge.status.value,
        organisation=organisation_ref(pledge.organisation),
        pledger={"id": pledge.pledger.id, "name": pledge.pledger.name} if pledge.pledger else None,
        message=pledge.message,
        offer_id=pledge.offer_id,
        created_at=pledge.created_at,
        updated_at=pledge.updated_at,
        moves=None if moves is None else [status.value for status in moves],
    )


def progress_answer(progress: NeedProgress, need: NeedRow) -> dict:
    def text(value: Decimal) -> str:
        return quantity_text(value, need.kind, need.unit)

    return {
        "committed": text(progress.committed),
        "fulfilled": text(progress.fulfilled),
        "waiting": text(progress.waiting),
        "over": text(progress.over),
        "percent": progress.percent,
        "pledge_count": progress.pledge_count,
    }


def need_answer(need: NeedRow, progress: NeedProgress, pledges: list[PledgeRow] | None) -> Need:
    """A need; `pledges` is None for callers who may not see who pledged (they see the counts)."""
    return Need(
        id=need.id,
        project_id=need.project_id,
        kind=need.kind.value,
        title=need.title,
        description=need.description,
        quantity=quantity_text(need.quantity, need.kind, need.unit),
        unit=need.unit,
        required=need.required,
        status=need.status.value,
        created_at=need.created_at,
        closed_at=need.closed_at,
        progress=progress_answer(progress, need),
        pledges=None if pledges is None else [pledge_answer(pledge, need) for pledge in pledges],
    )


def one_need(need: NeedRow, project: Project) -> Need:
    """A need as the caller may see it (its pledges for the partners and admins)."""
    pledges = None
    if permissions.can_view_pledges(g.api_user, project):
        pledges = [pledge for pledge in pledge_service.pledges_of(project) if pledge.need_id == need.id]
    return need_answer(need, progress_service.progress_of([need])[need.id], pledges)


# Fetch-or-404 -------------------------------------------------------------------------------------


def need_or_404(need_id: int) -> tuple[NeedRow, Project]:
    """The need and its project, if the caller may view the project; 404 `not_found` otherwise."""
    need = need_service.viewable_need(need_id, g.api_user)
    if need is None:
        raise not_found()
    return need, need.project


def pledge_or_404(pledge_id: int) -> tuple[PledgeRow, NeedRow, Project]:
    """The pledge, its need and its project, if the caller may see the pledge; 404 `not_found` otherwise."""
    pledge = pledge_service.visible_pledge(pledge_id, g.api_user)
    if pledge is None:
        raise not_found()
    return pledge, pledge.need, pledge.project


def check_can_manage_needs(project: Project) -> None:
    """Refuses before the body is read: PledgingClosed for the partners at a stage without needs,
    NotPermitted for everyone else (the service checks again)."""
    if permissions.can_manage_needs(g.api_user, project):
        return
    if permissions.is_partner_of(g.api_user, project.organisation) and project.stage not in NEED_STAGES:
        raise PledgingClosed(_("Needs are added and changed only while the initiative is incubating, in launch "
                               "review or active."))
    raise NotPermitted(_("Only the partners of the initiative's organisation can manage its needs."))


# Needs --------------------------------------------------------------------------------------------


MANAGING = {403: ["forbidden"], 404: ["not_found"], 409: ["pledging_closed", "conflict"]}
POSTING = {**MANAGING, 429: ["rate_limited"]}


@bp.get("/projects/<int:project_id>/needs")
@operation("resources", ok={200: (NeedList, "The needs with their progress, and the totals.")},
           errors={404: ["not_found"]})
def list_needs(project_id: int):
    """The project's needs

    The needs, open first, with their progress, and the totals per kind and unit. Each need lists its
    pledges for the project's partners and admins only.
    """
    project = project_or_404(project_id)
    needs = need_service.needs_of(project)
    progress = progress_service.progress_of(needs)
    by_need: dict[int, list[PledgeRow]] | None = None
    if permissions.can_view_pledges(g.api_user, project):
        by_need = {need.id: [] for need in needs}
        for pledge in pledge_service.pledges_of(project):
            by_need.setdefault(pledge.need_id, []).append(pledge)
    totals = [
        NeedTotal(
            kind=total.kind.value,
            unit=total.unit,
            target=quantity_text(total.target, total.kind, total.unit),
            committed=quantity_text(total.committed, total.kind, total.unit),
            fulfilled=quantity_text(total.fulfilled, total.kind, total.unit),
        )
        for total in progress_service.totals_of(project)
    ]
    items = [need_answer(need, progress[need.id], None if by_need is None else by_need[need.id]) for need in needs]
    return NeedList(items=items, totals=totals)


@bp.post("/projects/<int:project_id>/needs")
@operation("resources", ok={201: (Need, "The need.")}, body=NeedCreate, errors=POSTING, access=TOKEN,
           location=True)
@token_required
@resource_limit
def create_need(project_id: int):
    """Add a need

    By the partners, while the project is incubating, in launch review or active (409 `pledging_closed`
    at other stages).
    """
    project = project_or_404(project_id)
    check_can_manage_needs(project)
    sent = read_body(NeedCreate)
    need = need_service.add_need(project, g.api_user, kind=sent.kind, title=sent.title, description=sent.description,
                                 quantity=sent.quantity, unit=sent.unit, required=sent.required, locale=money.PLAIN)
    return one_need(need, project), 201, {"Location": f"/api/v1/needs/{need.id}"}


@bp.get("/needs/<int:need_id>")
@operation("resources", ok={200: (Need, "The need.")}, errors={404: ["not_found"]})
def get_need(need_id: int):
    """Read a need"""
    need, project = need_or_404(need_id)
    return one_need(need, project)


@bp.patch("/needs/<int:need_id>")
@operation("resources", ok={200: (Need, "The need as saved.")}, body=NeedEdit, errors=MANAGING, access=TOKEN)
@token_required
def edit_need(need_id: int):
    """Edit a need

    Changes the fields present in the body; the others keep their values.
    """
    need, project = need_or_404(need_id)
    check_can_manage_needs(project)
    sent = read_body(NeedEdit)
    sent_fields = sent.model_fields_set

    def given(name: str, current):
        return getattr(sent, name) if name in sent_fields else current

    need_service.edit_need(need, project, g.api_user, kind=sent.kind, title=given("title", need.title),
                           description=given("description", need.description),
                           quantity=given("quantity", need.quantity), unit=given("unit", need.unit),
                           required=given("required", need.required), locale=money.PLAIN)
    return one_need(need, project)


@bp.post("/needs/<int:need_id>/close")
@operation("resources", ok={200: (Need, "The closed need.")}, errors=MANAGING, access=TOKEN)
@token_required
def close_need(need_id: int):
    """Close a need

    No more pledges; its `pledged` pledges close and their pledgers are told.
    """
    need, project = need_or_404(need_id)
    check_can_manage_needs(project)
    need_service.close_need(need, project, g.api_user)
    return one_need(need, project)


# Pledges ------------------------------------------------------------------------------------------


@bp.post("/needs/<int:need_id>/pledges")
@operation("resources", ok={201: (Pledge, "The pledge."),
                            200: (Pledge, "The pledge made by the first request with this Idempotency-Key.")},
           body=PledgeCreate, headers=IdempotencyHeaders, errors=POSTING, access=TOKEN, location=True)
@token_required
@resource_limit
def create_pledge(need_id: int):
    """Pledge against a need

    By any community member with a confirmed e-mail address. 201 with the pledge, or 200 with the first
    one when the Idempotency-Key was sent before by the same person.
    """
    need, project = need_or_404(need_id)
    key = submission_key()
    sent = read_body(PledgeCreate)
    pledge, created = pledge_service.make_pledge(need, project, g.api_user, quantity=sent.quantity,
                                                 message=sent.message or "", organisation=sent.organisation or None,
                                                 submission_key=key, locale=money.PLAIN)
    answer = pledge_answer(pledge, need, pledge_service.pledge_moves(pledge, project, g.api_user))
    return answer, 201 if created else 200, {"Location": f"/api/v1/pledges/{pledge.id}"}


@bp.get("/pledges/<int:pledge_id>")
@operation("resources", ok={200: (Pledge, "The pledge.")}, errors={404: ["not_found"]})
def get_pledge(pledge_id: int):
    """Read a pledge

    For its pledger, the project's partners and admins: 404 for everyone else.
    """
    pledge, need, project = pledge_or_404(pledge_id)
    return pledge_answer(pledge, need, pledge_service.pledge_moves(pledge, project, g.api_user))


@bp.post("/pledges/<int:pledge_id>/status")
@operation("resources", ok={200: (Pledge, "The pledge.")}, body=PledgeStatusRequest,
           errors={**MANAGING, 409: ["invalid_status", "pledging_closed", "conflict"]}, access=TOKEN)
@token_required
def set_pledge_status(pledge_id: int):
    """Move a pledge along its lifecycle

    pledged → accepted → fulfilled, or declined, by the project's partners; pledged or accepted →
    withdrawn by the pledger. Any other move is 409 `invalid_status`.
    """
    pledge, need, project = pledge_or_404(pledge_id)
    sent = read_body(PledgeStatusRequest)
    if sent.status not in {s.value for s in PledgeStatus}:
        raise invalid({"status": _("Unknown status.")})
    pledge_service.set_pledge_status(pledge, project, g.api_user, sent.status)
    return pledge_answer(pledge, need, pledge_service.pledge_moves(pledge, project, g.api_user))
