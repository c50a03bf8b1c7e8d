"""The shapes of consultations with children in the API: figures and words, never a person."""

from pydantic import Field

from app.api.schemas.base import Answer, Count, Day, Id, IsoDate, Moment, OrganisationRef, Request, keys
from app.api.schemas.projects import key
from app.voice.consultations import ANSWER_MAX, SUMMARY_MAX
from app.voice.models import MAX_PER_BAND, Method, Setting

SETTINGS = [s.value for s in Setting]
METHODS = [m.value for m in Method]
BAND = {"minimum": 0, "maximum": MAX_PER_BAND}


class Participants(Answer):
    """The children who took part, by sex and age band (as on projects)."""

    girls_0_5: Count
    girls_6_11: Count
    girls_12_17: Count
    boys_0_5: Count
    boys_6_11: Count
    boys_12_17: Count


class Consultation(Answer):
    """A consultation held with children on an initiative, and the answer back to them. No person: not
    the children, nor who recorded it."""

    id: Id
    project_id: Id
    organisation: OrganisationRef = Field(description="The organisation that held it.")
    held_on: Day
    setting: key(SETTINGS, "The kind of place (never an address).")
    method: key(METHODS)
    participants: Participants
    participants_total: Count
    consent_confirmed: bool = Field(description="Guardian consent and child assent: always true.")
    summary: str = Field(description="What the children said, without names.")
    answer_back: str | None = Field(description="What was done with the children's views; null until recorded.")
    answered_on: Day | None = Field(description="When the children were told.")
    created_at: Moment


class ConsultationList(Answer):
    """The consultations, the latest held first."""

    items: list[Consultation]


class ParticipantCounts(Request):
    """Counts by sex and age band; a band left out counts 0. At least one child in all."""

    girls_0_5: int = Field(0, json_schema_extra=BAND)
    girls_6_11: int = Field(0, json_schema_extra=BAND)
    girls_12_17: int = Field(0, json_schema_extra=BAND)
    boys_0_5: int = Field(0, json_schema_extra=BAND)
    boys_6_11: int = Field(0, json_schema_extra=BAND)
    boys_12_17: int = Field(0, json_schema_extra=BAND)


class ConsultationCreate(Request):
    """A consultation held with children. `consent_confirmed` must be true (guardian consent and child
    assent); the summary passes the safeguarding screen (no names with ages, phone numbers...)."""

    held_on: IsoDate = Field(description="Not in the future.")
    setting: str = Field(json_schema_extra=keys(SETTINGS))
    method: str = Field(json_schema_extra=keys(METHODS))
    participants: ParticipantCounts
    consent_confirmed: bool
    summary: str = Field(json_schema_extra={"minLength": 1, "maxLength": SUMMARY_MAX})

    model_config = {**Request.model_config, "json_schema_extra": {
        "examples": [{"held_on": "2026-03-14", "setting": "school", "method": "group_discussion",
                      "participants": {"girls_6_11": 12, "boys_6_11": 9}, "consent_confirmed": True,
                      "summary": "The children asked for a safer path to school."}],
    }}


class AnswerBack(Request):
    """The answer back to the children (recording it again corrects it)."""

    answer_back: str = Field(json_schema_extra={"minLength": 1, "maxLength": ANSWER_MAX})
    answered_on: IsoDate | None = Field(None, description="When the children were told: today when left out.")
