"""The blueprint of this web face; its modules register their views on it."""

from flask import Blueprint

bp = Blueprint("ideas", __name__, template_folder="../templates")
