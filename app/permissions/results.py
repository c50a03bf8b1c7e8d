"""Who may record an initiative's results: its indicators and their measurements."""

from app.permissions import accounts as account_rules
from app.projects.models import Stage

# Where an initiative's indicators and measurements are added and changed: from incubating on, until
# the partners send it to completion review (the reviewer then reads them as they stand).
RESULTS_STAGES = frozenset({Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE})


def is_results_partner(user, project) -> bool:
    """A partner of the initiative's (verified) organisation, whatever the stage."""
    return account_rules.is_partner_of(user, project.organisation)


def can_manage_indicators(user, project) -> bool:
    """Add and change indicators and record measurements: partners of the initiative's (verified)
    organisation while it stands in incubating, launch_review or active. Refuses everyone else
    (community members, other organisations, reviewers and admins who are not its partners) and every
    other stage (too early before incubation; read-only under completion review and once ended)."""
    return project.stage in RESULTS_STAGES and is_results_partner(user, project)
