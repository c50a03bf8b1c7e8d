"""API refusals: the API's own checks (ApiError) and the domain's refusals, as JSON errors.

Every refusal answers with a status of 400 or more, so the request's transaction is rolled back
(app.core.transaction): nothing is half-written.

| refusal                                   | status | code                 | details                  |
|-------------------------------------------|--------|----------------------|--------------------------|
| GateBlocked                               | 409    | `gate_blocked`       | `{rule, message, field}` |
| InvalidTransition                         | 422    | `invalid_transition` |                          |
| NotPermitted                              | 403    | `forbidden`          |                          |
| ChangedMeanwhile                          | 409    | `conflict`           |                          |
| AssessmentLocked                          | 409    | `locked`             |                          |
| FieldsInvalid (ProjectInvalid...)         | 422    | `invalid`            | `{"field", "message"}`   |
"""

from flask_babel import gettext as _

from app.api.blueprint import bp
from app.core.errors import ChangedMeanwhile, DomainError, FieldsInvalid, NotPermitted
from app.core.json_errors import error_response
from app.gate.assessments import AssessmentLocked
from app.gate.workflow import GateBlocked, InvalidTransition


class ApiError(Exception):
    """A refusal decided by the API layer itself (bad body, bad filter, unknown object)."""

    def __init__(self, status: int, code: str, message: str, details: list | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details or []


def field_details(errors: dict) -> list[dict]:
    return [{"field": key, "message": str(message)} for key, message in errors.items()]


def invalid(errors: dict) -> ApiError:
    """422 `invalid` with one details entry per field."""
    return ApiError(422, "invalid", _("Some fields need correcting."), field_details(errors))


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("There is nothing here, or you may not see it."))


def rule_detail(rule) -> dict:
    """An unmet rule (app.gate.unmet): its stable key, its sentence, and the field it is about if any."""
    detail = {"rule": rule.key, "message": str(rule)}
    if rule.field:
        detail["field"] = rule.field
    return detail


def describe(error: DomainError) -> tuple[int, str, list]:
    """The status, code and details of a domain refusal."""
    if isinstance(error, GateBlocked):
        return 409, "gate_blocked", [rule_detail(rule) for rule in error.rules]
    if isinstance(error, InvalidTransition):
        return 422, "invalid_transition", []
    if isinstance(error, NotPermitted):
        return 403, "forbidden", []
    if isinstance(error, ChangedMeanwhile):
        return 409, "conflict", []
    if isinstance(error, AssessmentLocked):
        return 409, "locked", []
    if isinstance(error, FieldsInvalid):
        return 422, "invalid", field_details(error.errors)
    return 422, "invalid", []


@bp.errorhandler(ApiError)
def handle_api_error(error: ApiError):
    return error_response(error.status, error.code, error.message, error.details)


@bp.errorhandler(DomainError)
def handle_refusal(error: DomainError):
    status, code, details = describe(error)
    return error_response(status, code, str(error.message), details)
