"""Consultations with children on an initiative: recording them, changing them, and the answer back.

Children never hold accounts and are never named: a consultation counts them by sex and age band
(as on projects), says where (a kind of place, never an address) and how they were asked, confirms
guardian consent and child assent, and tells in words what they said. The words are public, so they
pass the safeguarding screen (app.community.safeguarding) and are refused, with its advice, when they
may identify or let someone contact a child: there is no moderation queue to hold them in.

The gate into completion review asks that every consultation of the initiative has its answer back
(`unanswered`, read by app.gate.workflow).

The subject is an initiative; an idea can become a second subject through `Consultation.idea_id`
beside `project_id` (see the module docstring of app.voice).
"""

import functools
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app import permissions
from app.accounts.models import User
from app.community import safeguarding
from app.core.columns import utcnow
from app.core.conflicts import changed_meanwhile_on_conflict
from app.core.errors import DomainError, FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.ids import is_valid_id
from app.core.text import check_text, is_blank
from app.projects.locking import lock_project
from app.projects.models import Project
from app.voice.models import BANDS, MAX_PER_BAND, Consultation, Method, Setting

SUMMARY_MAX = 5_000
ANSWER_MAX = 5_000
EARLIEST = date(2000, 1, 1)  # an older date is a typing slip


class ConsultationInvalid(FieldsInvalid):
    """Some fields are wrong; `errors` maps field names (the participant counts by their band) to
    messages (HTTP 422 `invalid`)."""


class ConsultationsClosed(DomainError):
    """The initiative takes no consultations at its stage (HTTP 409 `consultations_closed`)."""


def one_writer(function):
    """A write that meets another one at the same moment becomes ChangedMeanwhile (SQLite lets one
    writer in at a time): nothing is half-written, and the person tries again."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with changed_meanwhile_on_conflict(_("This changed meanwhile. Reload the page and try again.")):
            return function(*args, **kwargs)

    return wrapper


def today() -> date:
    return utcnow().date()


def _date(value, errors: dict, field: str, empty: str) -> date | None:
    if value in (None, ""):
        errors[field] = empty
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            errors[field] = _("Enter a date as YYYY-MM-DD.")
            return None
    if not isinstance(value, date):
        errors[field] = _("Enter a date as YYYY-MM-DD.")
        return None
    if value > today():
        errors[field] = _("The date cannot be in the future.")
    elif value < EARLIEST:
        errors[field] = _("The date cannot be before %(year)d.", year=EARLIEST.year)
    return value


def _count(value, errors: dict, band: str) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, bool):
        errors[band] = _("Enter a whole number.")
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[band] = _("Enter a whole number.")
        return 0
    if isinstance(value, float) and number != value:
        errors[band] = _("Enter a whole number.")
    elif number < 0:
        errors[band] = _("A number of children cannot be negative.")
    elif number > MAX_PER_BAND:
        errors[band] = _("At most %(max)s children in one group: check the number.", max=f"{MAX_PER_BAND:,}")
    return number


def _words(text, errors: dict, field: str, max_length: int, empty: str) -> str:
    text = (text or "").strip() if isinstance(text, str) else ""
    if is_blank(text):
        errors[field] = empty
        return text
    check_text(errors, field, text, max_length, multiline=True)
    if field not in errors and (findings := safeguarding.screen(text)):
        errors[field] = safeguarding.advice(findings)
    return text


def consultation_fields(*, held_on, setting, method, participants, consent_confirmed, summary) -> dict:
    """The checked fields of a consultation. `participants` maps bands (girls_0_5 … boys_12_17) to
    counts; a band left out counts 0. Refuses ConsultationInvalid with every problem found: a date
    missing, in the future or before 2000; a setting or method not in the lists; a band that is not
    one of BANDS, a count that is not a whole number, negative or above MAX_PER_BAND; no child at all;
    consent not confirmed; a summary empty, too long, or that may identify or let someone contact a
    child (the safeguarding screen's advice)."""
    errors: dict[str, str] = {}
    held_on = _date(held_on, errors, "held_on", _("Enter the date the consultation was held."))
    try:
        setting = Setting(setting)
    except ValueError:
        errors["setting"] = _("Choose where the consultation was held from the list.")
    try:
        method = Method(method)
    except ValueError:
        errors["method"] = _("Choose how the children were consulted from the list.")
    participants = participants if isinstance(participants, dict) else {}
    for band in participants:
        if band not in BANDS:
            errors["participants"] = _("Count the children only by these groups: %(bands)s.", bands=", ".join(BANDS))
    counts = {band: _count(participants.get(band), errors, band) for band in BANDS}
    if not any(band in errors for band in BANDS) and sum(counts.values()) < 1:
        errors["participants"] = _("Count at least one child who took part.")
    if consent_confirmed is not True:
        errors["consent_confirmed"] = _(
            "Confirm that the children's guardians gave their consent and the children agreed to take part: "
            "no consultation is recorded without both."
        )
    summary = _words(summary, errors, "summary", SUMMARY_MAX, _("Write what the children said, without names."))
    if errors:
        raise ConsultationInvalid(errors)
    return {"held_on": held_on, "setting": setting, "method": method, "consent_confirmed": True,
            "summary": summary, **counts}


def check_record(actor: User | None, project: Project) -> None:
    """Refuses ConsultationsClosed for the initiative's partners at a stage that takes no consultation,
    NotPermitted for everyone else (permissions.can_record_consultation)."""
    if permissions.can_record_consultation(actor, project):
        return
    if permissions.is_partner_of(actor, project.organisation):
        raise ConsultationsClosed(_(
            "Consultations are recorded until the initiative goes to completion review, not after."))
    raise NotPermitted(_("Only the partners of the initiative's organisation can record its consultations."))


@one_writer
def record_consultation(project: Project, actor: User, **fields) -> Consultation:
    """Record a consultation held with children on `project` (the keyword fields of
    `consultation_fields`). Refuses NotPermitted, ConsultationsClosed (check_record) and
    ConsultationInvalid. The project's lock is taken: a consultation and the move into completion
    review cannot cross."""
    check_record(actor, project)
    lock_project(project)
    checked = consultation_fields(**fields)
    consultation = Consultation(
        project_id=project.id,
        organisation_id=project.organisation_id,
        recorded_by_id=actor.id,
        language=project.language,
        **checked,
    )
    db.session.add(consultation)
    db.session.flush()
    return consultation


@one_writer
def edit_consultation(consultation: Consultation, project: Project, actor: User, **fields) -> Consultation:
    """Change a consultation's date, setting, method, counts and summary (the fields of
    `consultation_fields`, all given). Refuses NotPermitted (permissions.can_edit_consultation, its
    stage aside), ConsultationsClosed and ConsultationInvalid."""
    if consultation.project_id != project.id or not permissions.is_partner_of(actor, consultation.organisation):
        raise NotPermitted(_("Only the partners of the organisation that held it can change this consultation."))
    check_record(actor, project)
    lock_project(project)
    checked = consultation_fields(**fields)
    if consultation.answered_on is not None and checked["held_on"] > consultation.answered_on:
        raise ConsultationInvalid({"held_on": _("The children were answered on %(date)s: the consultation came "
                                                "before.", date=consultation.answered_on.isoformat())})
    for name, value in checked.items():
        setattr(consultation, name, value)
    db.session.flush()
    return consultation


@one_writer
def record_answer_back(consultation: Consultation, actor: User, *, answer_back, answered_on=None) -> Consultation:
    """Record what was done with the children's views, and when they were told (`answered_on`, today
    when not given). Recording it again corrects it. Refuses NotPermitted (permissions.can_answer_back)
    and ConsultationInvalid: an empty or too long answer, one that may identify or let someone contact
    a child, a date in the future or before the consultation."""
    if not permissions.can_answer_back(actor, consultation):
        raise NotPermitted(_("Only the partners of the organisation that held the consultation can record the "
                             "answer back to the children."))
    errors: dict[str, str] = {}
    text = _words(answer_back, errors, "answer_back", ANSWER_MAX,
                  _("Write what was done with the children's views."))
    when = today() if answered_on in (None, "") else _date(answered_on, errors, "answered_on", "")
    if "answered_on" not in errors and when is not None and when < consultation.held_on:
        errors["answered_on"] = _("The children cannot be answered before the consultation was held.")
    if errors:
        raise ConsultationInvalid(errors)
    if consultation.project is not None:
        lock_project(consultation.project)
    consultation.answer_back = text
    consultation.answered_on = when
    consultation.answered_at = utcnow()
    consultation.answered_by_id = actor.id
    db.session.flush()
    return consultation


# Reading ---------------------------------------------------------------------------------------------


def consultations_of(project: Project) -> list[Consultation]:
    """The project's consultations, the latest held first (one query)."""
    return list(db.session.scalars(
        select(Consultation).where(Consultation.project_id == project.id)
        .order_by(Consultation.held_on.desc(), Consultation.id.desc())
    ))


def unanswered(project: Project) -> list[Consultation]:
    """The project's consultations that have no answer back yet, the oldest first (one query)."""
    return list(db.session.scalars(
        select(Consultation).where(Consultation.project_id == project.id, Consultation.answer_back.is_(None))
        .order_by(Consultation.held_on, Consultation.id)
    ))


def consultation_of(project: Project, consultation_id) -> Consultation | None:
    """The project's consultation with this id, or None."""
    if not is_valid_id(consultation_id):
        return None
    consultation = db.session.get(Consultation, consultation_id)
    return consultation if consultation is not None and consultation.project_id == project.id else None


def viewable_consultation(consultation_id, user) -> Consultation | None:
    """The consultation, if `user` may view its subject (permissions.can_view_project); else None."""
    if not is_valid_id(consultation_id):
        return None
    consultation = db.session.get(Consultation, consultation_id)
    if consultation is None or consultation.project is None:
        return None
    return consultation if permissions.can_view_project(user, consultation.project) else None
