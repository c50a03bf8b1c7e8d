"""Calls for ideas: opening and editing them, finding them, and the statuses their dates give.

A call's status comes from its three dates (Call.status_at): `upcoming` before `opens_at`,
`open_for_ideas` until `ideas_close_at`, `open_for_proposals` until `proposals_close_at`, then
`closed`. The dates must come in that order (opens < ideas close <= proposals close).

Refusals: NotPermitted (see permissions.can_open_call, can_edit_call) and CallInvalid (`errors`
maps field names to messages). Functions flush and never commit.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import and_, select

from app import permissions
from app.accounts.models import User
from app.core.columns import utcnow
from app.core.errors import ChangedMeanwhile, FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.ids import is_valid_id
from app.core.sanitize import render_markdown
from app.core.text import LONG_TEXT_MAX, TITLE_MAX, check_text, is_blank
from app.ideas.models import Call, CallStatus
from app.reference.models import Theme
from app.reference.names import COUNTRIES, REGIONS, THEMES

QUESTION_MAX = 300


class CallInvalid(FieldsInvalid):
    """Some fields are wrong; `errors` maps field names to messages."""


@dataclass
class CallData:
    title: str
    question: str
    opens_at: datetime | None
    ideas_close_at: datetime | None
    proposals_close_at: datetime | None
    description: str = ""
    themes: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)  # regions and countries both empty: every country
    countries: list[str] = field(default_factory=list)


def validate(data: CallData) -> None:
    """Refuses (CallInvalid) missing values, unknown places or themes, and dates out of order."""
    errors = {}
    if is_blank(data.title):
        errors["title"] = _("Give the call a title.")
    if is_blank(data.question):
        errors["question"] = _("Write the call's question (\"How might we…\").")
    check_text(errors, "title", data.title, TITLE_MAX)
    check_text(errors, "question", data.question, QUESTION_MAX, multiline=True)
    check_text(errors, "description", data.description, LONG_TEXT_MAX, multiline=True)
    if any(t not in THEMES for t in data.themes):
        errors["themes"] = _("Choose themes from the list.")
    if any(r not in REGIONS for r in data.regions):
        errors["regions"] = _("Choose regions from the list.")
    if any(c not in COUNTRIES for c in data.countries):
        errors["countries"] = _("Choose one of the programme's countries.")
    dates = {
        "opens_at": data.opens_at,
        "ideas_close_at": data.ideas_close_at,
        "proposals_close_at": data.proposals_close_at,
    }
    for key, value in dates.items():
        if value is None:
            errors[key] = _("Give this date.")
        elif value.tzinfo is None:
            errors[key] = _("Give this date with its time zone.")
    if not any(k in errors for k in dates):
        if data.ideas_close_at <= data.opens_at:
            errors["ideas_close_at"] = _("Ideas must close after the call opens.")
        elif data.proposals_close_at < data.ideas_close_at:
            errors["proposals_close_at"] = _("Proposals must close on or after the day ideas close.")
    if errors:
        raise CallInvalid(errors)


def open_call(actor: User, data: CallData) -> Call:
    """Open a new call. Refuses NotPermitted (a reviewer outside the call's regions, anyone who is
    neither reviewer nor admin) and CallInvalid."""
    validate(data)
    if not permissions.can_open_call(actor, data.regions, data.countries):
        raise NotPermitted(_("Only admins, and reviewers for their own regions, can open calls."))
    call = Call(created_by_id=actor.id)
    _apply(call, data)
    db.session.add(call)
    db.session.flush()
    return call


def update_call(call: Call, actor: User, data: CallData, expected_updated_at: datetime | None = None) -> Call:
    """Change a call. Refuses NotPermitted (see permissions.can_edit_call, also for its new places),
    ChangedMeanwhile (`expected_updated_at` is not the call's) and CallInvalid."""
    if not permissions.can_edit_call(actor, call):
        raise NotPermitted(_("You cannot change this call."))
    if expected_updated_at is not None and expected_updated_at != call.updated_at:
        raise ChangedMeanwhile(_("This call changed meanwhile. Reload the page and try again."))
    validate(data)
    if not permissions.can_open_call(actor, data.regions, data.countries):
        raise NotPermitted(_("Only admins, and reviewers for their own regions, can open calls."))
    _apply(call, data)
    call.updated_at = utcnow()
    db.session.flush()
    return call


def get_call(call_id) -> Call | None:
    """The call (calls are public), or None."""
    return db.session.get(Call, call_id) if is_valid_id(call_id) else None


def status_condition(status: CallStatus | str, now: datetime | None = None):
    """The SQL condition of a status, for lists (the same rule as Call.status_at)."""
    now = now or utcnow()
    status = CallStatus(status)
    if status == CallStatus.UPCOMING:
        return Call.opens_at > now
    if status == CallStatus.OPEN_FOR_IDEAS:
        return and_(Call.opens_at <= now, Call.ideas_close_at > now)
    if status == CallStatus.OPEN_FOR_PROPOSALS:
        return and_(Call.ideas_close_at <= now, Call.proposals_close_at > now)
    return Call.proposals_close_at <= now


def list_calls(status: str | None = None, limit: int | None = None) -> list[Call]:
    """Calls, the open ones first (open for ideas, then for proposals), then upcoming, then closed;
    within each, the nearest deadline first. `status` keeps one status only."""
    now = utcnow()
    query = select(Call)
    if status:
        query = query.where(status_condition(status, now))
    calls = list(db.session.scalars(query.order_by(Call.opens_at.desc(), Call.id.desc())))
    order = {CallStatus.OPEN_FOR_IDEAS: 0, CallStatus.OPEN_FOR_PROPOSALS: 1, CallStatus.UPCOMING: 2,
             CallStatus.CLOSED: 3}
    calls.sort(key=lambda c: (order[c.status_at(now)], _deadline(c, now)))
    return calls[:limit] if limit is not None else calls


def open_calls(limit: int = 3) -> list[Call]:
    """The calls open for ideas or proposals, the nearest deadline first (for the home page)."""
    now = utcnow()
    query = select(Call).where(Call.opens_at <= now, Call.proposals_close_at > now)
    calls = list(db.session.scalars(query))
    calls.sort(key=lambda c: (c.status_at(now) != CallStatus.OPEN_FOR_IDEAS, _deadline(c, now)))
    return calls[:limit]


def _deadline(call: Call, now: datetime) -> datetime:
    status = call.status_at(now)
    if status == CallStatus.UPCOMING:
        return call.opens_at
    if status == CallStatus.OPEN_FOR_IDEAS:
        return call.ideas_close_at
    return call.proposals_close_at


def _apply(call: Call, data: CallData) -> None:
    themes = list(db.session.scalars(select(Theme).where(Theme.key.in_(data.themes))))
    call.title = data.title.strip()
    call.question = data.question.strip()
    call.description = (data.description or "").strip()
    call.description_html = str(render_markdown(call.description))
    call.regions = sorted(set(data.regions))
    call.countries = sorted(set(data.countries))
    call.opens_at, call.ideas_close_at = data.opens_at, data.ideas_close_at
    call.proposals_close_at = data.proposals_close_at
    call.themes = themes
