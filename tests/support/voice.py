"""Consultations with children, recorded through the real domain functions."""

from datetime import date, timedelta

from app.projects.models import Project
from app.voice import consultations

SUMMARY = ("The girls asked for the sessions to start after school, and the boys wanted a football match "
           "against the girls' team.")
ANSWER = "Sessions now start at 16:00, and a mixed football afternoon is held every month."


def consultation_body(**changes) -> dict:
    """The fields of a consultation as the domain (and, with `held_on` as text, the API) takes them."""
    values = dict(
        held_on=date.today() - timedelta(days=10),
        setting="school",
        method="group_discussion",
        participants={"girls_6_11": 12, "girls_12_17": 9, "boys_12_17": 7},
        consent_confirmed=True,
        summary=SUMMARY,
    )
    values.update(changes)
    return values


def record(project: Project, partner, **changes):
    return consultations.record_consultation(project, partner, **consultation_body(**changes))


def answer(consultation, partner, text: str = ANSWER, **changes):
    return consultations.record_answer_back(consultation, partner, answer_back=text, **changes)
