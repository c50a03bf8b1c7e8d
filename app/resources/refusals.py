"""The refusals of resource pooling, and the refusal of a write that meets another one at the same moment.

The API answers each with its own status and code (app.api.resources); the pages with a message.
"""

import functools

from flask_babel import gettext as _

from app.core.conflicts import changed_meanwhile_on_conflict
from app.core.errors import DomainError, FieldsInvalid


class ResourceInvalid(FieldsInvalid):
    """Some fields are wrong; `errors` maps field names to messages (HTTP 422 `invalid`)."""


class PledgingClosed(DomainError):
    """The need is closed or the project does not take pledges at its stage (HTTP 409 `pledging_closed`)."""


class InvalidPledgeStatus(DomainError):
    """No such move from the pledge's current status (HTTP 409 `invalid_status`)."""


def one_writer(function):
    """SQLite lets one writer in at a time: a write that meets another's commit fails ("database is
    locked"). That becomes ChangedMeanwhile: nothing is half-written, and the person tries again.
    (PostgreSQL waits for the other transaction instead.)"""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with changed_meanwhile_on_conflict(_("This changed meanwhile. Reload the page and try again.")):
            return function(*args, **kwargs)

    return wrapper
