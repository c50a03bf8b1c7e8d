"""The project page itself, and the organisations a person may create initiatives for.

The project page is drawn by `show` and again, with a refusal, by a transition or an
upload that the domain refused; `project_page()` gathers everything it shows in a
fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app import permissions
from app.core.extensions import db
from app.gate import assessments, codes, stepper, workflow
from app.gate.models import Phase
from app.gate.questions import GE_CODE_MEANINGS, PHASE_NAMES
from app.organisations.models import Membership, Organisation
from app.projects.models import AGE_BANDS, REVIEW_STAGES, SEXES, Project, ProjectEvent, Stage
from app.projects.web.forms import UploadForm
from app.projects.web.labels import AGE_BAND_NAMES, SEX_NAMES, TARGET_GROUP_NAMES, move_label

# What other features add to the project page, each a function (project, reader) -> template context
# that loads its part in a fixed number of queries; their web faces register them with
# `add_page_section`, so the projects know nothing of them.
PAGE_SECTIONS: list[Callable[[Project, object], dict]] = []


def add_page_section(section: Callable[[Project, object], dict]) -> Callable[[Project, object], dict]:
    PAGE_SECTIONS.append(section)
    return section


# What the project page shows besides the project row (the organisation and themes load with it).
PAGE_OPTIONS = (
    selectinload(Project.events).joinedload(ProjectEvent.actor),
    selectinload(Project.attachments),
)


def partner_organisations(user) -> list[Organisation]:
    """The organisations `user` may create initiatives for (see permissions.is_partner_of), by name."""
    memberships = db.session.scalars(
        select(Membership).options(joinedload(Membership.organisation)).where(Membership.user_id == user.id)
    )
    organisations = {m.organisation for m in memberships if permissions.is_partner_of(user, m.organisation)}
    return sorted(organisations, key=lambda org: org.name.lower())


@dataclass
class NextMove:
    """One move the current user could make, with what its gate still needs."""

    target: Stage
    label: str
    note_required: bool
    rules: list[str]  # unmet rules of the gate (the note, asked for on the form, aside)
    progress: assessments.Progress | None
    phase: Phase | None

    @property
    def stops(self) -> bool:
        """Whether the move ends the initiative's path (withdrawing): shown as a danger, asked twice."""
        return self.target in STOPPING_TARGETS


STOPPING_TARGETS = frozenset({Stage.WITHDRAWN, Stage.REJECTED})


def next_moves(project: Project, user) -> list[NextMove]:
    found = []
    for move in workflow.moves_for(project, user):
        progress = None
        if move.phase is not None and move.gate is not workflow.no_gate:
            progress = assessments.progress(assessments.latest(project, move.phase), move.phase)
        found.append(
            NextMove(
                target=move.target,
                label=move_label(project.stage, move.target),
                note_required=move.note_required,
                # The gate alone: unmet_rules() adds "a note is required", which the form's field says.
                rules=[str(rule) for rule in move.gate(project)],
                progress=progress,
                phase=move.phase,
            )
        )
    return found


def assessment_phases(project: Project) -> list[Phase]:
    """The phases worth a link: those with a saved version, and the one filled in at this stage."""
    started = {a.phase for a in assessments.all_versions(project)}
    return [p for p in Phase if p in started or project.stage in assessments.EDIT_STAGES[p]]


def project_page(
    project: Project,
    status: int = 200,
    *,
    refusal: str | None = None,
    unmet=(),
    posted=None,
    upload_form: UploadForm | None = None,
):
    """Render the project page. `refusal` and `unmet` explain a refused action; `posted` is the
    transition form that was refused (its note is kept)."""
    user = current_user
    moves = next_moves(project, user)
    private = permissions.can_see_private_side(user, project)
    can_edit = permissions.can_edit_project(user, project)
    body = render_template(
        "projects/show.html",
        project=project,
        can_edit=can_edit,
        private=private,
        moves=moves,
        # The organisation's initiative waits for a reviewer: say so, and that they will be told.
        waiting_for_review=project.stage in REVIEW_STAGES and permissions.is_partner_of(user, project.organisation),
        validated=codes.validated_review(project),
        ge_code_explanations=codes.GE_CODE_EXPLANATIONS,
        ge_code_meanings=GE_CODE_MEANINGS,
        stepper=stepper.for_project(project),
        phases=assessment_phases(project) if private else [],
        phase_names=PHASE_NAMES,
        stage_names=workflow.STAGE_NAMES,
        upload_form=upload_form or (UploadForm(formdata=None) if can_edit else None),
        refusal=refusal,
        unmet=[str(rule) for rule in unmet],
        posted=posted,
        target_group_names=TARGET_GROUP_NAMES,
        sexes=SEXES,
        sex_names=SEX_NAMES,
        age_bands=AGE_BANDS,
        age_band_names=AGE_BAND_NAMES,
        **{key: value for section in PAGE_SECTIONS for key, value in section(project, user).items()},
    )
    return body, status
