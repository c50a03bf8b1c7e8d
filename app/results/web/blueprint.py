"""The blueprint of this web face; its modules register their views on it."""

from flask import Blueprint

bp = Blueprint("results", __name__, template_folder="../templates")
