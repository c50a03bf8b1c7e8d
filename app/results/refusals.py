"""The refusals of results: fields that need correcting, and a stage where results are not recorded."""

from app.core.errors import DomainError, FieldsInvalid


class ResultsInvalid(FieldsInvalid):
    """Some fields are wrong; `errors` maps field names to messages (HTTP 422 `invalid`)."""


class ResultsClosed(DomainError):
    """A partner, but the initiative does not take results at its stage: too early before incubation,
    read-only under completion review and once ended (HTTP 409 `results_closed`)."""
