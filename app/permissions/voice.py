"""Who may do what with consultations with children: recording them, changing them, answering back."""

from app.permissions import accounts as account_rules
from app.projects.models import Stage

# Where an initiative takes new consultations: before its completion review (a consultation recorded
# there would wait for an answer back that the gate into completion review asks for) and while it
# has not ended.
CONSULTATION_STAGES = frozenset({
    Stage.DRAFT, Stage.SUBMITTED, Stage.CHANGES_REQUESTED, Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE,
})


def can_record_consultation(user, project) -> bool:
    """Record a consultation with children on an initiative: partners of its (verified) organisation,
    while the initiative stands in CONSULTATION_STAGES. Refuses everyone else (community members,
    other organisations, reviewers and admins who are not partners) and every other stage."""
    return project.stage in CONSULTATION_STAGES and account_rules.is_partner_of(user, project.organisation)


def can_edit_consultation(user, consultation, project) -> bool:
    """Change a consultation (its date, setting, method, counts and summary): partners of the
    organisation that held it, while the initiative still takes consultations. Refuses everyone else."""
    return (
        consultation.project_id == project.id
        and project.stage in CONSULTATION_STAGES
        and account_rules.is_partner_of(user, consultation.organisation)
    )


def can_answer_back(user, consultation) -> bool:
    """Record (or correct) the answer back to the children: partners of the organisation that held
    the consultation, at any stage. Refuses everyone else."""
    return account_rules.is_partner_of(user, consultation.organisation)
