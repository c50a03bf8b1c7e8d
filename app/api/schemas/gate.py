"""The shapes of the gate in the API: assessments, reviews, stage changes and the audit trail."""

from typing import Annotated, Any

from pydantic import Field, create_model

from app.api.schemas.base import Answer, Count, Id, Moment, NameOnly, Request, keys
from app.api.schemas.projects import GE_CODES, STAGES, GECodeKey, StageKey, key
from app.gate.models import Phase, Verdict
from app.gate.questions import PERCENT, QUESTIONS

PHASES = [p.value for p in Phase]
VERDICTS = [v.value for v in Verdict]
QUESTION_KINDS = {q.key: q.kind for phase in Phase for q in QUESTIONS[phase]}
ANSWER_MAX = 10_000


QUESTION_COMMENTS = {
    "type": "object",
    "propertyNames": {"enum": list(QUESTION_KINDS)},
    "additionalProperties": {"type": ["string", "null"], "maxLength": 5000},
    "description": "Comments on single questions, by question key, shown beside each question; a refused one "
                   "is reported under the field `comment_on_<key>`.",
}


class ReviewFields(Answer):
    verdict: key(VERDICTS)
    ge_code: GECodeKey
    comment: str
    question_comments: dict[str, str | None] = Field(json_schema_extra=QUESTION_COMMENTS)
    reviewer: create_model("Reviewer", __base__=Answer, name=(str | None, ...))
    created_at: Moment


class Review(ReviewFields):
    """A reviewer's validation of one assessment version."""


class ReviewCreated(ReviewFields):
    """The review just recorded, with the phase and version it validates."""

    phase: key(PHASES)
    version: int = Field(ge=1)


class Completeness(Answer):
    answered: Count
    required: Count
    problems: list[str]


class Assessment(Answer):
    """One version of a project's gender-equality assessment for one phase."""

    id: Id
    phase: key(PHASES)
    version: int = Field(ge=1)
    answers: Annotated[dict[str, str | int | float], Field(
        description="Question key → answer (text, or a number for a percentage).",
        json_schema_extra={"propertyNames": {"enum": list(QUESTION_KINDS)}},
    )]
    ge_code: key(GE_CODES, nullable=True)
    justification: str
    created_at: Moment
    updated_at: Moment
    submitted_at: Moment | None
    under_review: bool
    frozen: bool
    review: Review | None
    completeness: Completeness


class AssessmentList(Answer):
    """Every version, oldest first."""

    items: list[Assessment]


def answer_schema(question_key: str) -> dict:
    """An answer as the partner sends it; the domain checks it against its question."""
    if QUESTION_KINDS[question_key] == PERCENT:
        return {"type": ["number", "string", "null"], "minimum": 0, "maximum": 100,
                "description": 'A percentage from 0 to 100 (a number, or a string such as "42.5").'}
    return {"type": ["string", "null"], "maxLength": ANSWER_MAX}


ANSWERS = {
    "type": "object",
    "properties": {question_key: answer_schema(question_key) for question_key in QUESTION_KINDS},
    "additionalProperties": False,
    "description": 'Merged into the version: a key left out keeps its answer; null or "" clears it. Only the '
                   "phase's own question keys are accepted.",
}


class AssessmentSave(Request):
    """Answers to save, partially or completely."""

    answers: dict[str, Any] = Field({}, json_schema_extra=ANSWERS)
    ge_code: str | None = Field(None, json_schema_extra=keys([*GE_CODES, "", None]),
                                description='null or "" clears it.')
    justification: str | None = None

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"answers": {"targeting": "Girls aged 10 to 14 who walk more than 3 km to school."},
                      "ge_code": "GE-2", "justification": "Girls' safety is one of the project's two aims."}],
    }}


class ReviewRequest(Request):
    """A reviewer's validation of the version waiting for review."""

    verdict: str = Field(json_schema_extra=keys(VERDICTS))
    ge_code: str = Field(json_schema_extra=keys(GE_CODES))
    comment: str = Field(json_schema_extra={"minLength": 1})
    question_comments: dict[str, Any] = Field({}, json_schema_extra=QUESTION_COMMENTS)

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"verdict": "satisfactory", "ge_code": "GE-2", "comment": "Clear targeting of girls.",
                      "question_comments": {"feedback_complaints": "Say who answers the complaints box."}}],
    }}


class Actor(Answer):
    id: Id
    name: str


class Event(Answer):
    """One stage change of the audit trail."""

    id: Id
    created_at: Moment
    from_: key(STAGES, nullable=True) = Field(alias="from")
    to: StageKey
    actor: Actor | NameOnly | None = Field(description="Who made the change: with their id for the private side "
                                           "of the project, null when unknown.")
    note: str | None = Field(description="Only for the private side of the project (null otherwise).")
    assessment_version: int | None = Field(json_schema_extra={"minimum": 1})


class EventList(Answer):
    """The audit trail, oldest first."""

    items: list[Event]


class TransitionRequest(Request):
    """A move to another stage."""

    to: str = Field(json_schema_extra=keys(STAGES))
    note: str | None = Field(None, description="Required for the moves that need a note.")
    version: int | None = Field(None, description="Optional; a stale one is 409 `conflict`.")

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"to": "submitted", "note": "Ready for review.", "version": 4}],
    }}


class TransitionResult(Answer):
    stage: StageKey
    version: int = Field(ge=1)
    event: Event

