"""Accounts: registration, log-in and log-out, password reset, the account page."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import account, routes  # noqa: E402,F401
