"""Names shown to people for the projects' keys: target groups, age bands, decision buttons."""

from flask_babel import lazy_gettext as _l

from app.gate.models import Verdict
from app.projects.models import Stage

TARGET_GROUP_NAMES = {
    "girls": _l("Girls"),
    "boys": _l("Boys"),
    "adolescent_girls": _l("Adolescent girls"),
    "adolescent_boys": _l("Adolescent boys"),
    "children_with_disabilities": _l("Children with disabilities"),
    "out_of_school_children": _l("Out-of-school children"),
    "migrant_children": _l("Migrant and displaced children"),
    "parents_caregivers": _l("Parents and caregivers"),
    "teachers_educators": _l("Teachers and educators"),
    "community_leaders": _l("Community and religious leaders"),
}

SEX_NAMES = {"girls": _l("Girls"), "boys": _l("Boys")}
AGE_BAND_NAMES = {"0_5": _l("0–5 years"), "6_11": _l("6–11 years"), "12_17": _l("12–17 years")}

# The button of each move, named after what it does; keyed by target, or by (source, target)
# where one target is reached by two different decisions.
MOVE_LABELS = {
    Stage.SUBMITTED: _l("Submit for review"),
    Stage.INCUBATING: _l("Accept for incubation"),
    Stage.CHANGES_REQUESTED: _l("Request changes"),
    Stage.REJECTED: _l("Do not select"),
    Stage.LAUNCH_REVIEW: _l("Ask for the launch review"),
    Stage.ACTIVE: _l("Approve the launch"),
    Stage.COMPLETION_REVIEW: _l("Ask for the completion review"),
    Stage.COMPLETED: _l("Approve the completion"),
    Stage.WITHDRAWN: _l("Withdraw"),
    Stage.DRAFT: _l("Reopen as a draft"),
    (Stage.LAUNCH_REVIEW, Stage.INCUBATING): _l("Send back to incubation"),
    (Stage.COMPLETION_REVIEW, Stage.ACTIVE): _l("Send back to active"),
}

VERDICT_NAMES = {Verdict.SATISFACTORY: _l("Satisfactory"), Verdict.NEEDS_WORK: _l("Needs work")}


def target_group_name(key: str) -> str:
    return str(TARGET_GROUP_NAMES.get(key, key))


def move_label(source: Stage, target: Stage) -> str:
    return str(MOVE_LABELS.get((source, target)) or MOVE_LABELS[target])
