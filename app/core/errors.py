"""Refusals raised by the domain; views and the API turn them into messages and status codes."""


class DomainError(Exception):
    """A refusal with a message a person can act on."""

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class NotPermitted(DomainError):
    """The actor has no right to do this (HTTP 403)."""


class ChangedMeanwhile(DomainError):
    """The object changed since the actor loaded it (HTTP 409 `conflict`)."""
