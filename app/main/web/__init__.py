from flask import Blueprint

bp = Blueprint("main", __name__, template_folder="../templates")

from app.main.web import menu, routes  # noqa: E402,F401
