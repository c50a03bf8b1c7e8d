from flask import Blueprint

bp = Blueprint("review", __name__, template_folder="../templates", url_prefix="/review")

from app.gate.web import routes  # noqa: E402,F401
