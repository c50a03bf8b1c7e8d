"""The consultations of a project as a reader sees them: figures and words, never a person (no name of
the children, nor of the partner who recorded it). The project page shows one line of figures each (it
is the busiest page); the consultations page shows the counts by sex and age, what the children said
and the answers back. One query whatever the number of consultations."""

from types import SimpleNamespace

from app import permissions
from app.projects.models import AGE_BANDS, SEXES, Project
from app.projects.web.labels import AGE_BAND_NAMES, SEX_NAMES
from app.projects.web.pages import add_page_section
from app.voice import consultations
from app.voice.names import METHOD_NAMES, SETTING_NAMES


def consultation_view(consultation, project: Project, user) -> SimpleNamespace:
    rows = [(SEX_NAMES[sex], [getattr(consultation, f"{sex}_{band}") for band in AGE_BANDS]) for sex in SEXES]
    return SimpleNamespace(
        consultation=consultation,
        setting_name=str(SETTING_NAMES[consultation.setting]),
        method_name=str(METHOD_NAMES[consultation.method]),
        rows=rows,
        total=consultation.participants_total,
        can_answer=permissions.can_answer_back(user, consultation),
        can_edit=permissions.can_edit_consultation(user, consultation, project),
    )


@add_page_section
def consultations_section(project: Project, user) -> dict:
    """Context for templates/voice/_project_consultations.html (and the consultations page) under one key
    (`consultations_section`)."""
    found = consultations.consultations_of(project)
    return {
        "consultations_section": SimpleNamespace(
            consultations=[consultation_view(c, project, user) for c in found],
            can_record=permissions.can_record_consultation(user, project),
            waiting=sum(1 for c in found if not c.answered),
            band_names=[AGE_BAND_NAMES[band] for band in AGE_BANDS],
        )
    }
