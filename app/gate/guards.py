"""Defence in depth: ORM hooks that refuse writes which only the domain may make.

- A project's stage changes only inside `allow_stage_change()`, which
  app.gate.workflow.transition() alone uses; a new project starts in draft.
- Stage events and assessment reviews are append-only.
- A reviewed (frozen) assessment version is never edited.
Bulk ORM UPDATEs of the stage column are refused too. Below the ORM, on PostgreSQL, a trigger
(migration 0009_gate_guard) refuses any UPDATE of a project's stage that has no stage event of its
own written earlier in the same transaction, so that raw SQL cannot pass a gate unseen either.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.gate.models import Assessment, AssessmentReview
from app.projects.models import Project, ProjectEvent, Stage

_allowed_projects: ContextVar[frozenset[int]] = ContextVar("allowed_stage_changes", default=frozenset())

FROZEN_FIELDS = ("answers", "ge_code", "justification", "phase", "version", "project_id")


class ProtectedWriteError(RuntimeError):
    """A write that bypasses the domain's rules."""


@contextmanager
def allow_stage_change(project: Project) -> Iterator[None]:
    token = _allowed_projects.set(_allowed_projects.get() | {id(project)})
    try:
        yield
    finally:
        _allowed_projects.reset(token)


def _changed(obj, *fields: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[f].history.has_changes() for f in fields)


@event.listens_for(Session, "before_flush")
def _check_protected_writes(session: Session, _context, _instances) -> None:
    allowed = _allowed_projects.get()
    deleted_projects = {id(o) for o in session.deleted if isinstance(o, Project)}
    for obj in session.new:
        if isinstance(obj, Project) and obj.stage not in (None, Stage.DRAFT) and id(obj) not in allowed:
            raise ProtectedWriteError("A new project starts in draft; use workflow.transition().")
    for obj in session.dirty:
        if isinstance(obj, Project) and _changed(obj, "stage") and id(obj) not in allowed:
            raise ProtectedWriteError("Only workflow.transition() may change a project's stage.")
        if isinstance(obj, ProjectEvent | AssessmentReview) and session.is_modified(obj):
            raise ProtectedWriteError(f"{type(obj).__name__} rows are append-only.")
        if isinstance(obj, Assessment) and _changed(obj, *FROZEN_FIELDS) and _was_reviewed(obj):
            raise ProtectedWriteError("A reviewed assessment version is frozen; edit a new version.")
    for obj in session.deleted:
        if isinstance(obj, ProjectEvent) and id(obj.project) not in deleted_projects:
            raise ProtectedWriteError("Stage events are never deleted.")
        if isinstance(obj, AssessmentReview):
            raise ProtectedWriteError("Assessment reviews are never deleted.")


def _was_reviewed(assessment: Assessment) -> bool:
    return assessment.review is not None


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_stage_updates(state) -> None:
    if not (state.is_update or state.is_insert):
        return
    statement = state.statement
    table = getattr(statement, "table", None)
    if getattr(table, "name", None) != "projects":
        return
    names = {getattr(key, "key", getattr(key, "name", key)) for key in getattr(statement, "_values", None) or {}}
    params = state.parameters or {}
    for row in params if isinstance(params, list) else [params]:
        names.update(row)
    if state.is_insert:
        stages = [row.get("stage") for row in (params if isinstance(params, list) else [params])]
        values = getattr(statement, "_values", None) or {}
        stages += [getattr(v, "value", v) for k, v in values.items() if getattr(k, "key", k) == "stage"]
        if any(s not in (None, Stage.DRAFT, Stage.DRAFT.value) for s in stages):
            raise ProtectedWriteError("A new project starts in draft; use workflow.transition().")
        return
    if "stage" in names:
        raise ProtectedWriteError("Bulk updates of a project's stage are refused; use workflow.transition().")
