"""API: consultations with children on a project, and the answer back to them.

GET   /projects/{id}/consultations   the consultations, the latest held first (figures and words only).
POST  /projects/{id}/consultations   `{held_on, setting, method, participants, consent_confirmed, summary}`
                                     by the partners of the project's organisation.
GET   /consultations/{id}            one consultation.
PATCH /consultations/{id}            `{answer_back, answered_on}` by the partners of the organisation that
                                     held it.

| refusal                                                          | status | code                   |
|------------------------------------------------------------------|--------|------------------------|
| no token (writes)                                                | 401    | `unauthorized`         |
| not a partner of the organisation                                | 403    | `forbidden`            |
| a project (or consultation) the caller may not view              | 404    | `not_found`            |
| completion review and after: no new consultation                 | 409    | `consultations_closed` |
| no consent, bad counts, a date in the future, words that may     | 422    | `invalid`              |
| identify a child (one details entry per field)                   |        |                        |
| too many posts (RATELIMIT_POST, shared with the web)             | 429    | `rate_limited`         |
"""

from flask import g

from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.body import read_body
from app.api.projects import project_or_404
from app.api.refusals import not_found
from app.api.schemas.base import OrganisationRef
from app.api.schemas.voice import AnswerBack, Consultation, ConsultationCreate, ConsultationList, Participants
from app.api.spec import TOKEN, operation
from app.core.json_errors import error_response
from app.core.limits import consultation_limit
from app.voice import consultations as service
from app.voice.consultations import ConsultationsClosed
from app.voice.models import Consultation as ConsultationRow


@bp.errorhandler(ConsultationsClosed)
def handle_consultations_closed(error: ConsultationsClosed):
    return error_response(409, "consultations_closed", str(error.message))


def consultation_answer(consultation: ConsultationRow) -> Consultation:
    return Consultation(
        id=consultation.id,
        project_id=consultation.project_id,
        organisation=OrganisationRef(slug=consultation.organisation.slug, name=consultation.organisation.name),
        held_on=consultation.held_on,
        setting=consultation.setting.value,
        method=consultation.method.value,
        participants=Participants(**consultation.participants),
        participants_total=consultation.participants_total,
        consent_confirmed=consultation.consent_confirmed,
        summary=consultation.summary,
        answer_back=consultation.answer_back,
        answered_on=consultation.answered_on,
        created_at=consultation.created_at,
    )


def consultation_or_404(consultation_id: int) -> ConsultationRow:
    consultation = service.viewable_consultation(consultation_id, g.api_user)
    if consultation is None:
        raise not_found()
    return consultation


@bp.get("/projects/<int:project_id>/consultations")
@operation("consultations", ok={200: (ConsultationList, "The consultations, the latest held first.")},
           errors={404: ["not_found"]})
def list_consultations(project_id: int):
    """The project's consultations with children

    Figures and words only: the children are counted, never named, and who recorded it is not shown.
    """
    project = project_or_404(project_id)
    return ConsultationList(items=[consultation_answer(c) for c in service.consultations_of(project)])


@bp.post("/projects/<int:project_id>/consultations")
@operation("consultations", ok={201: (Consultation, "The consultation.")}, body=ConsultationCreate,
           errors={403: ["forbidden"], 404: ["not_found"], 409: ["consultations_closed", "conflict"],
                   429: ["rate_limited"]},
           access=TOKEN, location=True)
@token_required
@consultation_limit
def create_consultation(project_id: int):
    """Record a consultation with children

    By the partners of the project's organisation, until the project goes to completion review (409
    `consultations_closed` from then on). Consent must be confirmed; the summary may not identify a child.
    """
    project = project_or_404(project_id)
    service.check_record(g.api_user, project)
    sent = read_body(ConsultationCreate)
    consultation = service.record_consultation(
        project, g.api_user, held_on=sent.held_on, setting=sent.setting, method=sent.method,
        participants=sent.participants.model_dump(), consent_confirmed=sent.consent_confirmed, summary=sent.summary,
    )
    return consultation_answer(consultation), 201, {"Location": f"/api/v1/consultations/{consultation.id}"}


@bp.get("/consultations/<int:consultation_id>")
@operation("consultations", ok={200: (Consultation, "The consultation.")}, errors={404: ["not_found"]})
def get_consultation(consultation_id: int):
    """Read a consultation with children"""
    return consultation_answer(consultation_or_404(consultation_id))


@bp.patch("/consultations/<int:consultation_id>")
@operation("consultations", ok={200: (Consultation, "The consultation with its answer back.")}, body=AnswerBack,
           errors={403: ["forbidden"], 404: ["not_found"], 409: ["conflict"]}, access=TOKEN)
@token_required
def answer_consultation(consultation_id: int):
    """Record the answer back to the children

    What was done with the children's views, by the partners of the organisation that held the
    consultation. Recording it again corrects it. The project's completion review waits until every
    consultation has its answer back (409 `gate_blocked`, rule `consultation_without_answer_back`).
    """
    consultation = consultation_or_404(consultation_id)
    sent = read_body(AnswerBack)
    service.record_answer_back(consultation, g.api_user, answer_back=sent.answer_back, answered_on=sent.answered_on)
    return consultation_answer(consultation)
