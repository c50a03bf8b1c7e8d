"""Accounts: registration, log-in and log-out, password reset, the account page."""

from app.accounts.web import (  # noqa: F401  (each module registers its views on the blueprint)
    account,
    routes,
)
from app.accounts.web.blueprint import bp  # noqa: F401
