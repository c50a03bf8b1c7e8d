"""Accounts: registration, log-in and log-out, password reset, the account page."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="../templates")

from app.accounts.web import account, routes  # noqa: E402,F401
