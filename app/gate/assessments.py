"""The gender-equality assessment: saving versions, completeness, review.

Completeness is always computed from the answers, never stored.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import permissions
from app.accounts.models import User
from app.core.columns import utcnow
from app.core.conflicts import flush_or_changed_meanwhile
from app.core.errors import DomainError, FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.text import COMMENT_MAX, is_blank, text_problem, visible_length
from app.gate import question_comments as question_comments_rules
from app.gate import settings, unmet
from app.gate.models import Assessment, AssessmentReview, GECode, Phase, Verdict, current_review
from app.gate.questions import PERCENT, PHASE_NAMES, QUESTIONS
from app.gate.unmet import Unmet
from app.projects import editors
from app.projects.locking import lock_project
from app.projects.models import Project, Stage

REVIEW_STAGE = {
    Phase.DESIGN: Stage.SUBMITTED,
    Phase.IMPLEMENTATION: Stage.LAUNCH_REVIEW,
    Phase.RESULTS: Stage.COMPLETION_REVIEW,
}
EDIT_STAGES = {
    Phase.DESIGN: {Stage.DRAFT, Stage.CHANGES_REQUESTED},
    Phase.IMPLEMENTATION: {Stage.INCUBATING},
    Phase.RESULTS: {Stage.ACTIVE},
}
JUSTIFICATION_MIN = 20
ANSWER_MAX = 10_000
JUSTIFICATION_MAX = COMMENT_MAX


class AssessmentLocked(DomainError):
    """The assessment cannot be edited in the project's current stage."""


class AssessmentInvalid(FieldsInvalid):
    """Some answers have the wrong form; `errors` maps field keys to messages."""

    summary = _l("Some answers need correcting.")


@dataclass
class Progress:
    answered: int
    required: int

    @property
    def complete(self) -> bool:
        return self.answered == self.required


def latest(project: Project, phase: Phase) -> Assessment | None:
    return db.session.scalar(
        select(Assessment)
        .where(Assessment.project_id == project.id, Assessment.phase == phase)
        .order_by(Assessment.version.desc())
        .limit(1)
    )


def all_versions(project: Project) -> list[Assessment]:
    return list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.project_id == project.id)
            .order_by(Assessment.phase, Assessment.version)
        )
    )


def validated_design(project: Project) -> Assessment | None:
    """The newest design version reviewed `satisfactory`, or None."""
    return db.session.scalar(
        select(Assessment)
        .join(AssessmentReview)
        .where(
            Assessment.project_id == project.id,
            Assessment.phase == Phase.DESIGN,
            AssessmentReview.verdict == Verdict.SATISFACTORY,
            current_review(),
        )
        .order_by(Assessment.version.desc())
        .limit(1)
    )


def is_under_review(assessment: Assessment) -> bool:
    return (
        assessment.submitted_at is not None
        and assessment.review is None
        and assessment.project.stage == REVIEW_STAGE[assessment.phase]
    )


def answer_ok(question, value, min_length: int) -> bool:
    if question.kind == PERCENT:
        return value is not None and value != ""
    return visible_length(str(value or "")) >= min_length


def progress(assessment: Assessment | None, phase: Phase) -> Progress:
    required = [q for q in QUESTIONS[phase] if q.required]
    answers = assessment.answers if assessment else {}
    minimum = settings.min_answer_length()
    return Progress(sum(answer_ok(q, answers.get(q.key), minimum) for q in required), len(required))


def problems(assessment: Assessment | None, phase: Phase) -> list[Unmet]:
    """Every reason why this version is not complete, as sentences a person can act on (each with its
    stable key and the question it is about: app.gate.unmet)."""
    name = PHASE_NAMES[phase]
    if assessment is None:
        return [Unmet(_("The %(assessment)s has not been started.", assessment=name), unmet.ASSESSMENT_NOT_STARTED)]
    minimum = settings.min_answer_length()
    found = []
    for q in QUESTIONS[phase]:
        value = assessment.answers.get(q.key)
        if q.kind == PERCENT:
            if q.required and (value is None or value == ""):
                found.append(missing_answer(name, q))
            continue
        seen = visible_length(str(value or ""))
        if not seen:
            if q.required:
                found.append(missing_answer(name, q))
        elif seen < minimum and q.required:
            found.append(Unmet(
                _(
                    "The answer to '%(question)s' in the %(assessment)s is too short: write at least "
                    "%(minimum)d characters.",
                    question=q.label,
                    assessment=name,
                    minimum=minimum,
                ),
                unmet.ANSWER_TOO_SHORT, q.key,
            ))
    if assessment.ge_code is None:
        found.append(Unmet(_("The %(assessment)s needs a self-assessed gender-equality code.", assessment=name),
                           unmet.GE_CODE_MISSING, "ge_code"))
    if visible_length(assessment.justification) < JUSTIFICATION_MIN:
        found.append(Unmet(
            _(
                "The %(assessment)s needs a justification of its gender-equality code (at least %(minimum)d "
                "characters).",
                assessment=name,
                minimum=JUSTIFICATION_MIN,
            ),
            unmet.JUSTIFICATION_TOO_SHORT, "justification",
        ))
    return found


def missing_answer(name: str, question) -> Unmet:
    return Unmet(_("The %(assessment)s is missing an answer to '%(question)s'.", assessment=name,
                   question=question.label), unmet.ANSWER_MISSING, question.key)


def clean_answers(phase: Phase, raw: dict) -> dict:
    """Trim text answers and check percentages; refuses (AssessmentInvalid) unknown keys or bad numbers."""
    questions = {q.key: q for q in QUESTIONS[phase]}
    errors, cleaned = {}, {}
    for key, value in raw.items():
        question = questions.get(key)
        if question is None:
            errors[key] = _("There is no question '%(key)s' in this assessment.", key=key)
            continue
        if question.kind == PERCENT:
            if value is None or str(value).strip() == "":
                continue
            try:
                number = Decimal(str(value).strip().replace(",", "."))
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite() or not 0 <= number <= 100:
                errors[key] = _("Enter a number from 0 to 100.")
                continue
            cleaned[key] = float(number)
        else:
            if value is not None and not isinstance(value, str):
                errors[key] = _("This answer must be text.")
                continue
            text = (value or "").strip()
            if problem := text_problem(text, ANSWER_MAX, multiline=True):
                errors[key] = problem
                continue
            if text:
                cleaned[key] = text
    if errors:
        raise AssessmentInvalid(errors)
    return cleaned


def starting_values(project: Project, phase: Phase) -> tuple[dict, GECode | None, str]:
    """The answers, code and justification a phase's first version starts from: the
    implementation phase copies the validated design version; other phases start empty."""
    if phase == Phase.IMPLEMENTATION and (design := validated_design(project)) is not None:
        return dict(design.answers), design.ge_code, design.justification
    return {}, None, ""


def edit_refusal(project: Project, phase: Phase, actor: User) -> DomainError | None:
    """Why `actor` may not change the `phase` assessment now, or None when they may.

    NotPermitted for anyone but a partner of the project's organisation; AssessmentLocked
    while the phase is under review, or in any other stage where it is not filled in.
    """
    if not permissions.is_partner_of(actor, project.organisation):
        return NotPermitted(_("Only partners of the project's organisation can fill in its assessment."))
    if project.stage in EDIT_STAGES[phase]:
        return None
    current = latest(project, phase) if project.stage == REVIEW_STAGE[phase] else None
    if current is not None and is_under_review(current):
        return AssessmentLocked(_("This assessment is under review and cannot be changed."))
    return AssessmentLocked(
        _("The %(assessment)s cannot be changed at this stage.", assessment=PHASE_NAMES[phase])
    )


def editable_version(project: Project, phase: Phase, actor: User) -> Assessment:
    """The version a partner may write to now, creating a new one when the newest is frozen or was submitted.

    Refuses (NotPermitted) anyone but a partner of the project's organisation, and
    (AssessmentLocked) outside the stages where the phase is filled in, or while under review.
    """
    refusal = edit_refusal(project, phase, actor)
    if refusal is not None:
        raise refusal
    current = latest(project, phase)
    if current is None:
        answers, ge_code, justification = starting_values(project, phase)
        new = Assessment(
            project=project, phase=phase, version=1, answers=answers, ge_code=ge_code,
            justification=justification, created_by_id=actor.id,
        )
        db.session.add(new)
        return new
    if current.is_frozen or current.submitted_at is not None:
        new = Assessment(
            project=project,
            phase=phase,
            version=current.version + 1,
            answers=dict(current.answers),
            ge_code=current.ge_code,
            justification=current.justification,
            created_by_id=actor.id,
        )
        db.session.add(new)
        return new
    return current


def save_assessment(
    project: Project, phase: Phase, actor: User, answers: dict, ge_code: str | None, justification: str | None
) -> Assessment:
    """Save a (possibly partial) assessment. Refuses as `editable_version` and `clean_answers` do."""
    cleaned = clean_answers(phase, answers)
    code = None
    if ge_code not in (None, ""):
        try:
            code = GECode(ge_code)
        except ValueError:
            raise AssessmentInvalid({"ge_code": _("Choose a gender-equality code from the list.")}) from None
    if justification is not None and (problem := text_problem(justification, JUSTIFICATION_MAX, multiline=True)):
        raise AssessmentInvalid({"justification": problem})
    lock_project(project)  # a submission at the same moment cannot slip between the check and the write
    assessment = editable_version(project, phase, actor)
    editors.record_edit(project, actor)
    assessment.answers = {**assessment.answers, **cleaned, **{k: None for k in answers if k not in cleaned}}
    assessment.answers = {k: v for k, v in assessment.answers.items() if v is not None}
    if code is not None or ge_code == "":
        assessment.ge_code = code
    if justification is not None:
        assessment.justification = justification.strip()
    _flush_or_conflict()
    return assessment


def review_assessment(
    project: Project, phase: Phase, reviewer: User, verdict: str, ge_code: str, comment: str,
    question_comments: dict | None = None,
) -> AssessmentReview:
    """Record a reviewer's validation of the submitted version, or replace their own validation of it
    (may_replace_review): the replacement is a new row, the replaced one stays in the history.
    `question_comments` ({question key: comment}, optional) are shown beside their questions.

    Refuses (NotPermitted) anyone who may not review this project (region, conflict of
    interest) and (AssessmentLocked) when no submitted version is waiting for this reviewer's
    validation: none was submitted, or its validation is someone else's or was used by a decision.
    """
    if not permissions.can_review_project(reviewer, project):
        raise NotPermitted(_("You cannot review this project."))
    lock_project(project)
    current = latest(project, phase)
    waiting = current is not None and (
        is_under_review(current) or (current.review is not None and may_replace_review(project, current, reviewer))
    )
    if project.stage != REVIEW_STAGE[phase] or not waiting:
        raise AssessmentLocked(
            _("There is no %(assessment)s waiting for review.", assessment=PHASE_NAMES[phase])
        )
    errors = {}
    try:
        verdict_value = Verdict(verdict)
    except ValueError:
        errors["verdict"] = _("Choose 'Satisfactory' or 'Needs work'.")
    try:
        code = GECode(ge_code)
    except ValueError:
        errors["ge_code"] = _("Choose a gender-equality code from the list.")
    if is_blank(comment):
        errors["comment"] = _("Write a comment for the organisation.")
    elif problem := text_problem(comment, COMMENT_MAX, multiline=True):
        errors["comment"] = problem
    on_questions, question_errors = question_comments_rules.clean(phase, question_comments)
    errors.update(question_errors)
    if errors:
        raise AssessmentInvalid(errors)
    replaced = current.review
    review = AssessmentReview(
        assessment=current, reviewer_id=reviewer.id, verdict=verdict_value, ge_code=code, comment=comment.strip(),
        question_comments=on_questions, round=replaced.round + 1 if replaced is not None else 1,
    )
    db.session.add(review)
    _flush_or_conflict()
    return review


def may_replace_review(project: Project, assessment: Assessment, reviewer: User) -> bool:
    """Whether `reviewer` may replace the validation in force of `assessment`: it is their own, the
    version waits in its review stage, and no decision has used the validation yet (the project's
    stage has not changed since it was recorded)."""
    review = assessment.review
    return (
        review is not None
        and reviewer is not None
        and review.reviewer_id == reviewer.id
        and assessment.submitted_at is not None
        and project.stage == REVIEW_STAGE[assessment.phase]
        and project.stage_changed_at <= review.created_at
    )


def mark_submitted(project: Project, phase: Phase) -> Assessment | None:
    """Lock the newest version of `phase` for review (called by the workflow on entering a review stage)."""
    current = latest(project, phase)
    if current is not None and current.review is None:
        current.submitted_at = utcnow()
    return current


def _flush_or_conflict() -> None:
    """Flush; two people saving a new version, or reviewing one, at the same moment hit a unique
    constraint (project, phase, version) or (assessment): the second gets ChangedMeanwhile."""
    flush_or_changed_meanwhile(_("This assessment changed meanwhile. Reload the page and try again."), IntegrityError)
