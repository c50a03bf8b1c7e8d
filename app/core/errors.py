"""Refusals raised by the domain; views and the API turn them into messages and status codes."""

from flask_babel import lazy_gettext as _l


class DomainError(Exception):
    """A refusal with a message a person can act on."""

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class FieldsInvalid(DomainError):
    """Some fields are wrong; `errors` maps field names to messages. Each feature names its own kind;
    `summary` is the message above the fields."""

    summary = _l("Some fields need correcting.")

    def __init__(self, errors: dict[str, str]):
        super().__init__(str(self.summary))
        self.errors = errors


class NotPermitted(DomainError):
    """The actor has no right to do this (HTTP 403)."""


class ChangedMeanwhile(DomainError):
    """The object changed since the actor loaded it (HTTP 409 `conflict`)."""
